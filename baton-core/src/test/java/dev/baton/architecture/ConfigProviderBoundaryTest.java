package dev.baton.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * {@code config} builds providers' settings, so it may use {@code provider}; a provider adapter
 * (Baton's or a plug-in's) must not need the configuration layer, or the two could never be
 * understood, tested or replaced apart. The credential type lives in {@code dev.baton.secret}
 * for that reason.
 */
class ConfigProviderBoundaryTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.baton.config", "dev.baton.provider");

    @Test
    void config_and_provider_packages_have_no_cycle() {
        slices().matching("dev.baton.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void no_provider_class_depends_on_config() {
        noClasses().that().resideInAPackage("dev.baton.provider..")
                .should().dependOnClassesThat().resideInAPackage("dev.baton.config..")
                .check(CORE);
    }
}
