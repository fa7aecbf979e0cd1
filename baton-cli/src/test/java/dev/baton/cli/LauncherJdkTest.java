package dev.baton.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code bin/find-java.sh} (used by {@code bin/baton}, {@code mvnw} and {@code .ci/run}) picks a
 * JDK: JAVA_HOME, then {@code java} on PATH, then the usual folders; and the launcher's one-line
 * error when there is none. Runs the real scripts against fake JDK homes, with a PATH holding only
 * the few tools the scripts use.
 */
class LauncherJdkTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> TOOLS = List.of("sh", "bash", "sed", "head", "dirname", "readlink", "env");

    @TempDir
    Path tmp;
    private Path tools;

    @BeforeEach
    void toolsOnly() throws IOException {
        tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : TOOLS) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path real = Path.of(dir, tool);
                if (Files.isExecutable(real)) {
                    Files.createSymbolicLink(tools.resolve(tool), real);
                    break;
                }
            }
        }
    }

    /** A JDK home whose {@code release} file says {@code feature} and whose bin/java runs. */
    private Path fakeJdk(String name, int feature) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("jvms").resolve(name));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + feature + ".0.1\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + feature + ".0.1\"' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", tools.toString());
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    private Run find(Map<String, String> env) throws Exception {
        return run(env, tools.resolve("sh").toString(), "-c", ". bin/find-java.sh && baton_find_jdk");
    }

    @Test
    void java_home_comes_first_when_it_is_21_or_newer() throws Exception {
        Path jdk21 = fakeJdk("jdk-21", 21);
        fakeJdk("jdk-25", 25);
        Run r = find(Map.of("JAVA_HOME", jdk21.toString(), "BATON_JDK_DIRS", tmp.resolve("jvms") + "/*"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(jdk21.toString());
    }

    @Test
    void a_too_old_java_home_is_passed_over_for_java_on_the_path() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", 17);
        Path jdk22 = fakeJdk("jdk-22", 22);
        Files.createSymbolicLink(tools.resolve("java"), jdk22.resolve("bin/java"));
        Run r = find(Map.of("JAVA_HOME", jdk17.toString(), "BATON_JDK_DIRS", ""));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(jdk22.toString());
    }

    @Test
    void the_usual_folders_are_searched_last_and_old_jdks_skipped() throws Exception {
        fakeJdk("a-jdk-11", 11);
        Path jdk23 = fakeJdk("b-jdk-23", 23);
        Run r = find(Map.of("BATON_JDK_DIRS", tmp.resolve("jvms") + "/*"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(jdk23.toString());
    }

    @Test
    void the_launcher_says_so_in_one_line_and_exits_1_when_there_is_no_jdk() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", 17);
        Run r = run(Map.of("JAVA_HOME", jdk17.toString(), "BATON_JDK_DIRS", tmp.resolve("jvms") + "/*"),
                tools.resolve("bash").toString(), "bin/baton", "--version");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("needs a JDK 21 or newer").contains("JAVA_HOME");
    }
}
