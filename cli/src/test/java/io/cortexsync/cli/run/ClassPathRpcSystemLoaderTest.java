package io.cortexsync.cli.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loader declines where Flink's RPC jar is not on the class path, and Flink's own loader takes over. */
class ClassPathRpcSystemLoaderTest {

    @Test
    void isRegisteredAheadOfFlinksLoader() {
        assertThat(ServiceLoader.load(RpcSystemLoader.class).stream().map(ServiceLoader.Provider::type)
                .collect(Collectors.toList())).contains(ClassPathRpcSystemLoader.class);
        assertThat(new ClassPathRpcSystemLoader().getLoadPriority()).isLessThan(0);
    }

    @Test
    void declinesWithoutTheRpcJarOnTheClassPath() {
        // the test class path has Flink's loader jar, not the RPC jar inside it
        assertThatThrownBy(() -> new ClassPathRpcSystemLoader().loadRpcSystem(new Configuration()))
                .isInstanceOf(RpcLoaderException.class)
                .hasMessageContaining("flink-rpc-akka.jar");
    }

    @Test
    void flinksLoaderTakesOverThen() throws Exception {
        try (RpcSystem system = RpcSystem.load(new Configuration())) {
            assertThat(system.getClass().getName()).isEqualTo("org.apache.flink.runtime.rpc.CleanupOnCloseRpcSystem");
        }
    }
}
