package io.cortexsync.jobs.common;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.dualwrite.DualWriteJobOptions;
import io.cortexsync.jobs.reconcile.ReconcileJobOptions;

import org.apache.flink.configuration.Configuration;

import java.util.List;

/** Configurations for the jobs' settings tests. */
public final class JobConfigurations {

    private JobConfigurations() {}

    /** A configuration every job's settings accept: tables docs and notes into collection docs of 8 dimensions. */
    public static Configuration validForEveryJob() {
        Configuration conf = new Configuration();
        conf.set(SurrealOptions.URL, "http://127.0.0.1:8000");
        conf.set(SurrealOptions.NAMESPACE, "ns");
        conf.set(SurrealOptions.DATABASE, "db");
        conf.set(SurrealOptions.USERNAME, "root");
        conf.set(SurrealOptions.PASSWORD, "secret");
        conf.set(SurrealOptions.SOURCE_TABLES, List.of("docs", "notes"));
        conf.set(QdrantOptions.HOST, "127.0.0.1");
        conf.set(QdrantOptions.COLLECTION, "docs");
        conf.set(QdrantOptions.COLLECTION_VECTOR_SIZE, 8);
        conf.set(SyncJobOptions.DEAD_LETTER_DIR, "/tmp/dead-letters");
        conf.set(ReconcileJobOptions.FINDINGS_DIR, "/tmp/findings");
        conf.set(DualWriteJobOptions.INPUT_TOPIC, "changes");
        return conf;
    }
}
