package dev.baton.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every package of baton-core says its nullness convention: non-null unless {@code @Nullable}. */
class NullMarkedPackagesTest {

    @Test
    void every_core_package_is_null_marked() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.baton")) {
            packages.add(c.getPackageName());
        }
        Set<String> unmarked = new TreeSet<>();
        for (String pkg : packages) {
            if (!nullMarked(pkg)) unmarked.add(pkg);
        }

        assertThat(packages).contains("dev.baton.provider", "dev.baton.config", "dev.baton.secret");
        assertThat(unmarked).as("packages without @NullMarked in package-info.java").isEmpty();
    }

    private static boolean nullMarked(String pkg) {
        try {
            return Class.forName(pkg + ".package-info").isAnnotationPresent(NullMarked.class);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
