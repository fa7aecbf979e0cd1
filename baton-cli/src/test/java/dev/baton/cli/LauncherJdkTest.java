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
    private static final List<String> TOOLS = List.of("sh", "bash", "sed", "head", "dirname", "readlink", "env",
            "find", "grep", "mktemp", "rm", "mv", "touch", "mkdir", "cat", "flock", "cp");

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

    /**
     * A copy of the launcher in a scratch checkout whose {@code mvnw} only records its arguments and
     * "builds" the jar, and whose JDK 25 records each java command line.
     */
    private Path scratchCheckout(Path log) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("bin"));
        for (String script : List.of("bin/baton", "bin/find-java.sh")) {
            Files.copy(ROOT.resolve(script), repo.resolve(script));
        }
        Files.createDirectories(repo.resolve("baton-cli/src/main/java"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        executable(repo.resolve("mvnw"), "#!/bin/sh\necho \"mvnw $*\" >> '" + log + "'\n"
                + "mkdir -p \"$(dirname \"$0\")/baton-cli/target\" && touch \"$(dirname \"$0\")/baton-cli/target/baton.jar\"\n");
        return repo;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void the_launcher_builds_in_the_reactor_without_installing_and_says_what_the_pause_after_it_is() throws Exception {
        Path log = tmp.resolve("calls.log");
        Path repo = scratchCheckout(log);
        Path jdk25 = fakeJdk("jdk-25", 25);
        executable(jdk25.resolve("bin/java"), "#!/bin/sh\necho \"java $*\" >> '" + log + "'\n"
                + "for a in \"$@\"; do case $a in -XX:AOTCacheOutput=*) touch \"${a#-XX:AOTCacheOutput=}\" ;; esac; done\n");

        Run r = run(Map.of("JAVA_HOME", jdk25.toString(), "BATON_JDK_DIRS", ""),
                tools.resolve("bash").toString(), repo.resolve("bin/baton").toString(), "--version");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).filteredOn(c -> c.startsWith("mvnw ")).singleElement().satisfies(mvn -> {
            assertThat(mvn.split(" ")).contains("package", "-pl", "baton-cli", "-am").doesNotContain("install");
        });
        assertThat(calls).anySatisfy(c -> assertThat(c).contains("-XX:AOTCacheOutput=").contains("dev.baton.cli.AotTraining"));
        assertThat(calls.getLast()).contains("-XX:AOTCache=").endsWith("-jar " + repo.resolve("baton-cli/target/baton.jar")
                + " --version");
        assertThat(r.err()).contains("baton: building the CLI")
                .contains("baton: training the start-up cache (once per build, ~10 s)");
    }

    @Test
    void the_launcher_trains_two_caches_after_preparing_the_store_and_gives_ask_and_invoke_the_run_cache()
            throws Exception {
        Path log = tmp.resolve("calls.log");
        Path repo = scratchCheckout(log);
        Path jdk25 = fakeJdk("jdk-25", 25);
        executable(jdk25.resolve("bin/java"), "#!/bin/sh\necho \"java $*\" >> '" + log + "'\n"
                + "for a in \"$@\"; do case $a in -XX:AOTCacheOutput=*) touch \"${a#-XX:AOTCacheOutput=}\" ;; esac; done\n");
        Map<String, String> env = Map.of("JAVA_HOME", jdk25.toString(), "BATON_JDK_DIRS", "");
        String launcher = repo.resolve("bin/baton").toString();
        Path target = repo.resolve("baton-cli/target");

        Run first = run(env, tools.resolve("bash").toString(), launcher, "invoke", "code-review");
        Run ask = run(env, tools.resolve("bash").toString(), launcher, "ask", "hello");
        Run other = run(env, tools.resolve("bash").toString(), launcher, "profiles", "list");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(ask.exit()).as(ask.err()).isZero();
        assertThat(other.exit()).as(other.err()).isZero();
        List<String> java = Files.readAllLines(log).stream().filter(c -> c.startsWith("java ")).toList();
        // the store is created before, and outside, both trainings
        assertThat(java.getFirst()).endsWith("dev.baton.cli.AotTraining --prepare").doesNotContain("AOTCacheOutput");
        assertThat(java).filteredOn(c -> c.contains("-XX:AOTCacheOutput=" + target.resolve("baton.aot.tmp")))
                .singleElement().satisfies(c -> assertThat(c).endsWith("dev.baton.cli.AotTraining"));
        assertThat(java).filteredOn(c -> c.contains("-XX:AOTCacheOutput=" + target.resolve("baton-run.aot.tmp")))
                .singleElement().satisfies(c -> assertThat(c).endsWith("dev.baton.cli.AotTraining --runs"));
        assertThat(java).filteredOn(c -> c.contains("-jar ")).satisfiesExactly(
                c -> assertThat(c).contains("-XX:AOTCache=" + target.resolve("baton-run.aot") + " ").endsWith(" invoke code-review"),
                c -> assertThat(c).contains("-XX:AOTCache=" + target.resolve("baton-run.aot") + " ").endsWith(" ask hello"),
                c -> assertThat(c).contains("-XX:AOTCache=" + target.resolve("baton.aot") + " ").endsWith(" profiles list"));
    }

    @Test
    void maven_jvm_options_are_accepted_by_every_jdk_on_this_machine() throws Exception {
        String options = Files.readString(ROOT.resolve(".mvn/jvm.config")).strip();
        assertThat(options).contains("--sun-misc-unsafe-memory-access=allow");
        List<Path> jdks;
        try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
            jdks = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")) && !Files.isSymbolicLink(d)).toList();
        } catch (IOException none) {
            jdks = List.of();
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(jdks.isEmpty(), "no JDKs under /usr/lib/jvm to try .mvn/jvm.config on");
        for (Path jdk : jdks) {
            List<String> cmd = new java.util.ArrayList<>(List.of(jdk.resolve("bin/java").toString()));
            cmd.addAll(List.of(options.split("\\s+")));
            cmd.add("-version");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s with %s: %s", jdk, options, out).isZero();
        }
    }
}
