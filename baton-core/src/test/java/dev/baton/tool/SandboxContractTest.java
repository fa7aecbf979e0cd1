package dev.baton.tool;

import dev.baton.tool.Sandbox.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link Sandbox} must do, run against each implementation by a subclass: paths kept
 * inside the root (symlinks included), {@code .git/} never written, commands without a shell
 * unless asked, credentials scrubbed, output capped per stream on character boundaries, and the
 * whole process tree ended on timeout or interruption.
 */
public abstract class SandboxContractTest {

    @TempDir
    protected Path root;

    /** The sandbox under test over {@code root}. */
    protected abstract Sandbox sandbox(Path root, Duration limit, int cap, Map<String, String> env);

    protected Sandbox sandbox(Path root) {
        return sandbox(root, Duration.ofSeconds(30), 64 << 10, Map.of("PATH", System.getenv("PATH")));
    }

    @Test
    void given_relative_and_absolute_paths_inside_when_resolved_then_real_paths_under_the_root() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/A.java"), "class A {}");
        Sandbox sandbox = sandbox(root);

        assertThat(sandbox.readable("src/../src/A.java")).isEqualTo(root.toRealPath().resolve("src/A.java"));
        assertThat(sandbox.readable(root.resolve("src/A.java").toString())).isEqualTo(root.toRealPath().resolve("src/A.java"));
        assertThat(sandbox.writable("new/dir/B.java")).isEqualTo(root.toRealPath().resolve("new/dir/B.java"));
    }

    @Test
    void given_a_symlink_inside_the_root_when_resolved_then_allowed() throws Exception {
        Files.writeString(root.resolve("target.txt"), "x");
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("target.txt"));

        assertThat(sandbox(root).readable("alias.txt")).isEqualTo(root.toRealPath().resolve("target.txt"));
    }

    @Test
    void given_a_path_outside_when_resolved_then_the_violation_names_the_path_and_the_rule() {
        assertThatThrownBy(() -> sandbox(root).readable("../../etc/passwd"))
                .isInstanceOf(SandboxViolation.class)
                .hasMessageContaining("'../../etc/passwd'")
                .hasMessageContaining("outside the workspace root");
    }

    @Test
    void given_git_internals_when_written_then_refused_but_still_readable() throws Exception {
        Files.createDirectories(root.resolve(".git/hooks"));
        Files.writeString(root.resolve(".git/config"), "[core]");
        Sandbox sandbox = sandbox(root);

        assertThatThrownBy(() -> sandbox.writable(".git/config")).isInstanceOf(SandboxViolation.class).hasMessageContaining(".git/");
        assertThatThrownBy(() -> sandbox.writable(".git/hooks/pre-commit")).isInstanceOf(SandboxViolation.class);
        assertThatThrownBy(() -> sandbox.writable("sub/.git/config")).isInstanceOf(SandboxViolation.class);
        assertThat(sandbox.readable(".git/config")).exists();
    }

    @Test
    void given_a_command_past_its_limit_when_run_then_it_and_its_grandchild_are_killed() throws Exception {
        Sandbox sandbox = sandbox(root, Duration.ofSeconds(60), 1 << 16, Map.of("PATH", System.getenv("PATH")));

        CommandResult result = sandbox.run(List.of("sh", "-c", "sleep 300 & echo $! > pidfile; wait"), false, root,
                Duration.ofSeconds(2));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        long grandchild = Long.parseLong(Files.readString(root.resolve("pidfile")).strip());
        await(() -> !alive(grandchild));
        assertThat(alive(grandchild)).as("grandchild %d outlived the command", grandchild).isFalse();
    }

    @Test
    void given_a_running_command_when_the_caller_is_interrupted_then_the_tree_is_killed() throws Exception {
        Sandbox sandbox = sandbox(root, Duration.ofSeconds(120), 1 << 16, Map.of("PATH", System.getenv("PATH")));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                sandbox.run(List.of("sh", "-c", "sleep 300 & echo $! > pidfile; wait"), false, root, Duration.ofSeconds(120));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        await(() -> Files.exists(root.resolve("pidfile")) && !readQuietly(root.resolve("pidfile")).isBlank());
        long grandchild = Long.parseLong(readQuietly(root.resolve("pidfile")).strip());

        caller.interrupt();
        caller.join(Duration.ofSeconds(30));

        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        await(() -> !alive(grandchild));
        assertThat(alive(grandchild)).as("grandchild %d outlived the interrupted command", grandchild).isFalse();
    }

    @Test
    void given_output_over_the_cap_when_run_then_each_stream_is_cut_and_flagged() {
        Sandbox sandbox = sandbox(root, Duration.ofSeconds(60), 1000, Map.of("PATH", System.getenv("PATH")));

        CommandResult result = sandbox.run(List.of("sh", "-c", "head -c 5000 /dev/zero | tr '\\0' a; echo small >&2"),
                false, root, Duration.ofSeconds(60));

        assertThat(result.truncated()).isTrue();
        assertThat(result.stdout()).hasSize(1000).matches("a+");
        assertThat(result.stderr()).isEqualTo("small\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void given_multibyte_output_over_the_cap_when_cut_then_no_character_is_split() {
        Sandbox sandbox = sandbox(root, Duration.ofSeconds(60), 1000, Map.of("PATH", System.getenv("PATH")));

        // "é" is 2 bytes in UTF-8: 1000 bytes would end after the first byte of a character at an odd offset
        CommandResult result = sandbox.run(List.of("sh", "-c", "printf 'x'; i=0; while [ $i -lt 800 ]; do printf 'é'; i=$((i+1)); done"),
                false, root, Duration.ofSeconds(60));

        assertThat(result.truncated()).isTrue();
        assertThat(result.stdout()).doesNotContain("\uFFFD").startsWith("xé");
        assertThat(result.stdout().getBytes(StandardCharsets.UTF_8).length).isEqualTo(999);
    }

    @Test
    void given_output_within_the_cap_when_run_then_not_flagged() {
        CommandResult result = sandbox(root).run(List.of("echo", "hello"), false, root, Duration.ofSeconds(60));

        assertThat(result.truncated()).isFalse();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).isEqualTo("hello\n");
    }

    @Test
    void given_credentials_in_the_parent_environment_when_env_runs_then_they_are_absent() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("OPENAI_API_KEY", "sk-openai");
        env.put("ANTHROPIC_API_KEY", "sk-ant");
        env.put("GEMINI_API_KEY", "g-key");
        env.put("FOO_TOKEN", "tok");
        env.put("DB_PASSWORD", "pw");
        env.put("APP_SECRET", "sec");
        env.put("AWS_ACCESS_KEY_ID", "AKIA");
        env.put("AWS_SECRET_ACCESS_KEY", "aws-secret");
        env.put("AWS_SESSION_TOKEN", "aws-session");
        env.put("KEEP_ME", "visible");

        CommandResult result = sandbox(root, Duration.ofSeconds(60), 1 << 16, env).run(List.of("env"), false, root,
                Duration.ofSeconds(60));

        assertThat(result.stdout()).contains("KEEP_ME=visible")
                .doesNotContain("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "FOO_TOKEN", "DB_PASSWORD",
                        "APP_SECRET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")
                .doesNotContain("sk-openai", "tok\n", "aws-secret");
    }

    @Test
    void given_no_shell_when_run_then_metacharacters_reach_the_program_literally() {
        CommandResult result = sandbox(root).run(List.of("echo", "$HOME", "*", "a|b"), false, root, Duration.ofSeconds(60));

        assertThat(result.stdout()).isEqualTo("$HOME * a|b\n");
    }

    @Test
    void given_shell_when_run_then_the_line_goes_through_sh() {
        CommandResult result = sandbox(root).run(List.of("echo one | tr o O"), true, root, Duration.ofSeconds(60));

        assertThat(result.stdout()).isEqualTo("One\n");
    }

    @Test
    void given_a_working_directory_outside_when_run_then_refused() {
        assertThatThrownBy(() -> sandbox(root).run(List.of("pwd"), false, root.getParent(), Duration.ofSeconds(60)))
                .isInstanceOf(SandboxViolation.class).hasMessageContaining("outside the workspace root");
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }

    /** Alive and not a zombie (a killed process nobody has reaped yet is dead). */
    protected static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return false;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls {@code condition} for up to 30 s (generous: a busy machine); never fails by itself. */
    protected static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) Thread.sleep(20);
    }
}
