package io.cortexsync.connector.surrealdb;

import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurrealOptionsTest {

    private static Configuration complete() {
        Configuration conf = new Configuration();
        conf.set(SurrealOptions.URL, "http://127.0.0.1:8000");
        conf.set(SurrealOptions.NAMESPACE, "ns");
        conf.set(SurrealOptions.DATABASE, "db");
        conf.set(SurrealOptions.USERNAME, "root");
        conf.set(SurrealOptions.PASSWORD, "hunter2");
        return conf;
    }

    @Test
    void buildsTheConnectionFromOptions() {
        Configuration conf = complete();
        conf.set(SurrealOptions.AUTH_MODE, SurrealOptions.AuthMode.SIGNIN);
        conf.setString("surrealdb.request-timeout", "5 s");

        SurrealConnectionConfig config = SurrealOptions.connectionConfig(conf);

        assertThat(config.url()).isEqualTo("http://127.0.0.1:8000");
        assertThat(config.namespace()).isEqualTo("ns");
        assertThat(config.database()).isEqualTo("db");
        assertThat(config.authMode()).isEqualTo(SurrealConnectionConfig.AuthMode.SIGNIN);
        assertThat(config.requestTimeout()).hasSeconds(5);
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void aMissingOptionIsNamed() {
        Configuration conf = complete();
        conf.removeConfig(SurrealOptions.DATABASE);
        assertThatThrownBy(() -> SurrealOptions.connectionConfig(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'surrealdb.database'");

        Configuration basicWithoutPassword = complete();
        basicWithoutPassword.removeConfig(SurrealOptions.PASSWORD);
        assertThatThrownBy(() -> SurrealOptions.connectionConfig(basicWithoutPassword))
                .hasMessageContaining("'surrealdb.password'");
    }

    @Test
    void aBadValueFailsNamingTheOption() {
        Configuration conf = complete();
        conf.setString("surrealdb.connect-timeout", "soon");
        assertThatThrownBy(() -> SurrealOptions.connectionConfig(conf))
                .hasMessageContaining("surrealdb.connect-timeout");
    }
}
