package io.cortexsync.cli.chaos;

import io.cortexsync.testkit.logging.LogCapture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a job's store-fault rows share: one set of {@link FaultedStores} for the class (each row
 * works in its own namespace, collection and topics), and the tasks' log, which says whether the
 * job rode through a fault or was restored from a checkpoint.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
abstract class StoreFaultsTestBase {

    @TempDir
    static Path storesDir;

    static FaultedStores stores;

    @RegisterExtension
    final LogCapture jobStates = JobRestarts.capture();

    @BeforeAll
    static void startStores() throws Exception {
        stores = FaultedStores.start(storesDir);
    }

    @AfterAll
    static void stopStores() {
        if (stores != null) {
            stores.close();
            stores = null;
        }
    }

    /** The row's outcome: rode through, or restored after so many task failures. */
    String outcome() {
        return JobRestarts.outcome(jobStates);
    }
}
