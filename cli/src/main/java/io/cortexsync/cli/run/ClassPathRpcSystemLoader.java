package io.cortexsync.cli.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Loads Flink's RPC system from the class path when Flink's Pekko RPC jar is on it, as the launcher
 * puts it for local runs.
 *
 * <p>Flink's own loader copies that 21 MB jar out of {@code flink-rpc-akka-loader} into
 * {@code io.tmp.dirs} at every MiniCluster start and loads its ~7,000 classes through a class loader
 * of its own, from a fresh file each time: 0.1 s to copy, and classes no class-data archive can
 * hold. From the class path they are loaded once by the application class loader, and the
 * launcher's archive holds them. Without the jar on the class path this loader declines and
 * Flink's takes over (tests, the bench, any embedding).
 */
public final class ClassPathRpcSystemLoader implements RpcSystemLoader {

    /** Ahead of Flink's loader, whose priority is 0: the lowest is tried first. */
    static final int LOAD_PRIORITY = -1;

    @Override
    public int getLoadPriority() {
        return LOAD_PRIORITY;
    }

    @Override
    public RpcSystem loadRpcSystem(Configuration config) {
        Iterator<RpcSystem> systems = ServiceLoader.load(RpcSystem.class, ClassPathRpcSystemLoader.class.getClassLoader()).iterator();
        if (!systems.hasNext()) {
            throw new RpcLoaderException("Flink's RPC jar (flink-rpc-akka.jar) is not on the class path");
        }
        return systems.next();
    }
}
