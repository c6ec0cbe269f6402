package io.cortexsync.cli.architecture;

import io.cortexsync.connector.surrealdb.client.SurrealClient;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries between the modules, as flink-connector-kafka keeps its own: the jobs and the
 * command line build on the connectors' public API only, speak no SurrealQL of their own, and the
 * job jar never needs the command line.
 */
class ArchitectureTest {

    private static final java.util.Set<String> STATEMENT_METHODS = java.util.Set.of("query", "queryBatch", "transaction", "run");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cortexsync");
        // the rules below must have something to judge: every module's classes are imported
        assertThat(classes.containPackage("io.cortexsync.jobs.migrate")).isTrue();
        assertThat(classes.containPackage("io.cortexsync.cli.migrate")).isTrue();
        assertThat(classes.containPackage("io.cortexsync.connector.surrealdb.source.enumerator")).isTrue();
        assertThat(classes.containPackage("io.cortexsync.connector.qdrant.sink.internal")).isTrue();
    }

    @Test
    void jobsAndCliUseNoConnectorInternals() {
        ArchRule rule = noClasses()
                .that().resideInAnyPackage("io.cortexsync.jobs..", "io.cortexsync.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.cortexsync.connector..enumerator..",
                        "io.cortexsync.connector..split..",
                        "io.cortexsync.connector..reader..",
                        "io.cortexsync.connector..internal..")
                .because("jobs and the command line build on a connector's public API; its enumerator, "
                        + "splits, readers and internals may change in any release");
        rule.check(classes);
    }

    @Test
    void jobsAndCliSpeakNoSurrealQL() {
        ArchRule rule = noClasses()
                .that().resideInAnyPackage("io.cortexsync.jobs..", "io.cortexsync.cli..")
                .should().callMethodWhere(DescribedPredicate.describe("a SurrealClient method that sends statements",
                        call -> call.getTarget().getOwner().isEquivalentTo(SurrealClient.class)
                                && STATEMENT_METHODS.contains(call.getTarget().getName())))
                .because("statements belong to the SurrealDB connector (its admin package), where every "
                        + "value is bound as a variable");
        rule.check(classes);
    }

    @Test
    void theJobJarNeedsNoCommandLine() {
        noClasses().that().resideInAPackage("io.cortexsync.jobs..")
                .should().dependOnClassesThat().resideInAPackage("io.cortexsync.cli..")
                .check(classes);
    }

    @Test
    void connectorsKnowNoJobs() {
        noClasses().that().resideInAPackage("io.cortexsync.connector..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cortexsync.jobs..", "io.cortexsync.cli..")
                .check(classes);
    }
}
