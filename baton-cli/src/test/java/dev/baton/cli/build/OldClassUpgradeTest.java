package dev.baton.cli.build;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

class OldClassUpgradeTest {

    @Test
    void picocli_as_published_is_too_old_for_the_start_up_cache() throws IOException {
        assertThat(OldClassUpgrade.major(bytes("picocli.CommandLine"))).isLessThan(50);
    }

    @Test
    void upgraded_classes_are_version_52_and_pass_the_verifier_and_run() throws Exception {
        ClassLoader upgraded = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.startsWith("picocli.")) return super.loadClass(name, resolve);
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c != null) return c;
                    try {
                        byte[] b = OldClassUpgrade.upgrade(bytes(name));
                        assertThat(OldClassUpgrade.major(b)).isEqualTo(52);
                        return defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
            }
        };

        // initialising and using the class makes the JVM verify it with the type-checking verifier
        Class<?> cli = Class.forName("picocli.CommandLine", true, upgraded);
        Object factory = cli.getMethod("defaultFactory").invoke(null);
        Object created = Class.forName("picocli.CommandLine$IFactory", true, upgraded)
                .getMethod("create", Class.class).invoke(factory, StringBuilder.class);

        assertThat(cli.getClassLoader()).isSameAs(upgraded).isNotSameAs(CommandLine.class.getClassLoader());
        assertThat(created).isInstanceOf(StringBuilder.class);
    }

    private static byte[] bytes(String className) throws IOException {
        try (InputStream in = CommandLine.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
            assertThat(in).as(className).isNotNull();
            return in.readAllBytes();
        }
    }
}
