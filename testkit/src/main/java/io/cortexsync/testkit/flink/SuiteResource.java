package io.cortexsync.testkit.flink;

import org.apache.flink.connector.testframe.TestResource;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A store a Flink connector test suite starts once ({@code @TestExternalSystem}) and closes when
 * the suite is done.
 */
public final class SuiteResource<E extends AutoCloseable> implements TestResource {

    private final Supplier<E> start;
    private E resource;

    public SuiteResource(Supplier<E> start) {
        this.start = Objects.requireNonNull(start, "start");
    }

    @Override
    public void startUp() {
        resource = start.get();
    }

    @Override
    public void tearDown() throws Exception {
        if (resource != null) {
            resource.close();
            resource = null;
        }
    }

    /** The started store. */
    public E get() {
        if (resource == null) {
            throw new IllegalStateException("the suite's store is not started");
        }
        return resource;
    }
}
