package dev.baton.cli;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI is a face: it parses arguments, calls one core service, renders. So its classes use only
 * core's public API (no {@code internal} package) and never build the orchestration themselves
 * (engines, runs, pipelines, budget enforcers, engine options, loaders, validators, catalogs,
 * batch and test runners, artifact writers, stores and indexes): {@code Baton} hands those out.
 */
class CliArchitectureTest {

    /** Core types only a core service may construct. */
    static final Set<String> ORCHESTRATION = Set.of(
            "dev.baton.ensemble.run.EnsembleEngine",
            "dev.baton.ensemble.run.internal.RunExecution",
            "dev.baton.ensemble.run.EngineOptions",
            "dev.baton.ensemble.run.EngineOptions$Builder",
            "dev.baton.ensemble.load.EnsembleLoader",
            "dev.baton.ensemble.load.EnsembleValidator",
            "dev.baton.ensemble.load.EnsembleValidator$Options",
            "dev.baton.ensemble.load.EnsembleParser",
            "dev.baton.ensemble.load.DirectoryEnsembleCatalog",
            "dev.baton.ensemble.run.internal.BatchRunner",
            "dev.baton.ensemble.testing.EnsembleTestRunner",
            "dev.baton.ensemble.agent.ScriptResolver",
            "dev.baton.pipeline.Pipeline",
            "dev.baton.usage.BudgetEnforcer",
            "dev.baton.artifact.internal.ArtifactWriter",
            "dev.baton.artifact.internal.ArtifactStore",
            "dev.baton.artifact.internal.SqliteArtifactIndex");

    static final ArchRule NO_INTERNAL_PACKAGES = noClasses().that().resideInAPackage("dev.baton.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.baton..internal..")
            .because("the CLI uses only core's public API; implementation classes live in internal packages");

    static final ArchRule NO_ORCHESTRATION_BUILT_HERE = noClasses().that().resideInAPackage("dev.baton.cli..")
            .should().callCodeUnitWhere(buildsOrchestration())
            .because("faces call a service Baton hands out (baton.ensembles(), baton.model(...)) instead of wiring the engine");

    /** A constructor of an orchestration type, or any of its static factories ({@code builder}, {@code open}, {@code withDefaults}...). */
    private static DescribedPredicate<JavaCall<?>> buildsOrchestration() {
        return DescribedPredicate.describe("constructs or builds " + ORCHESTRATION.size() + " orchestration types",
                (JavaCall<?> call) -> {
                    var target = call.getTarget();
                    String owner = target.getOwner().getName();
                    if (!ORCHESTRATION.contains(owner)) return false;
                    return target.getName().equals("<init>") || target.resolveMember()
                            .map(m -> m.getModifiers().contains(JavaModifier.STATIC)
                                    || owner.endsWith("$Builder"))
                            .orElse(true);
                });
    }

    private static JavaClasses cliMainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.baton.cli");
    }

    @Test
    void cli_classes_import_no_internal_package_of_core() {
        JavaClasses classes = cliMainClasses();
        assertThat(classes).as("the CLI's main classes were imported").hasSizeGreaterThan(20);

        NO_INTERNAL_PACKAGES.check(classes);
    }

    @Test
    void cli_classes_construct_no_orchestration_object() {
        NO_ORCHESTRATION_BUILT_HERE.check(cliMainClasses());
    }

    @Test
    void the_rules_catch_a_face_that_wires_the_engine_itself() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.baton.cli.archfixture");

        EvaluationResult internal = NO_INTERNAL_PACKAGES.evaluate(fixture);
        EvaluationResult orchestration = NO_ORCHESTRATION_BUILT_HERE.evaluate(fixture);

        assertThat(internal.hasViolation()).isTrue();
        assertThat(internal.getFailureReport().getDetails()).anyMatch(d -> d.contains("WorkspaceEnsembles"));
        assertThat(orchestration.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("EnsembleEngine.<init>"))
                .anyMatch(d -> d.contains("EngineOptions.builder"))
                .anyMatch(d -> d.contains("EnsembleLoader.<init>"));
    }
}
