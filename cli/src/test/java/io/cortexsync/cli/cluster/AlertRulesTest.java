package io.cortexsync.cli.cluster;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus files of {@code deploy/prometheus}, checked by Prometheus's own promtool: the
 * alert rules load, their unit tests ({@code alerts-test.yml}: each alert fires on the series
 * that mean trouble, after its {@code for}, and not on a healthy job's) pass, and both scrape
 * configurations are valid.
 */
class AlertRulesTest {

    private static Path deploy;

    @BeforeAll
    static void locate() {
        Assumptions.assumeTrue(PrometheusServer.installed(),
                "Debian's prometheus is not installed (/usr/bin/promtool); scripts/test.sh installs it");
        deploy = LocalCluster.projectDir().resolve("deploy/prometheus");
    }

    @Test
    void theAlertRulesLoad() {
        String[] result = PrometheusServer.promtool(deploy, "check", "rules", "alerts.yml");
        assertThat(result[0]).as(result[1]).isEqualTo("0");
        assertThat(result[1]).contains("SUCCESS: 6 rules found");
    }

    @Test
    void theAlertRulesPassTheirUnitTests() {
        String[] result = PrometheusServer.promtool(deploy, "test", "rules", "alerts-test.yml");
        assertThat(result[0]).as(result[1]).isEqualTo("0");
        assertThat(result[1]).contains("SUCCESS");
    }

    @Test
    void theScrapeConfigurationsAreValid() {
        for (String config : new String[] {"prometheus.yml", "prometheus-local.yml"}) {
            String[] result = PrometheusServer.promtool(deploy, "check", "config", config);
            assertThat(result[0]).as(config + ": " + result[1]).isEqualTo("0");
        }
    }
}
