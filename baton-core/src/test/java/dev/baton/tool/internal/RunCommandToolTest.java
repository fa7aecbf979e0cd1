package dev.baton.tool.internal;

import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.tool.internal.ToolTestSupport.args;
import static dev.baton.tool.internal.ToolTestSupport.call;
import static dev.baton.tool.internal.ToolTestSupport.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

class RunCommandToolTest {

    @TempDir
    Path root;

    @Test
    void given_a_failing_command_when_run_then_exit_code_and_both_streams_are_the_result() throws Exception {
        ToolResult r = call(new RunCommandTool(false), sandbox(root),
                args("command", List.of("sh", "-c", "echo out; echo err >&2; exit 3")));

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).isEqualTo("exit code: 3\n--- stdout ---\nout\n--- stderr ---\nerr\n");
        assertThat(r.structuredContent().get("exit_code").asInt()).isEqualTo(3);
        assertThat(r.structuredContent().get("timed_out").asBoolean()).isFalse();
    }

    @Test
    void given_a_cwd_when_run_then_the_command_runs_there() throws Exception {
        Files.createDirectories(root.resolve("sub"));

        ToolResult r = call(new RunCommandTool(false), sandbox(root), args("command", List.of("pwd"), "cwd", "sub"));

        assertThat(r.structuredContent().get("stdout").asString().strip()).isEqualTo(root.toRealPath().resolve("sub").toString());
    }

    @Test
    void given_a_cwd_outside_when_run_then_refused_naming_the_argument() throws Exception {
        ToolResult r = call(new RunCommandTool(false), sandbox(root), args("command", List.of("pwd"), "cwd", ".."));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("refused").contains("argument 'cwd'");
    }

    @Test
    void given_a_timeout_when_exceeded_then_the_result_says_timed_out_and_is_an_error() throws Exception {
        ToolResult r = call(new RunCommandTool(false), sandbox(root, Duration.ofSeconds(60), 1 << 16, Map.of("PATH", System.getenv("PATH"))),
                args("command", List.of("sleep", "300"), "timeout_seconds", 1));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("timed out after 1 s");
        assertThat(r.structuredContent().get("timed_out").asBoolean()).isTrue();
    }

    @Test
    void given_output_over_the_cap_when_run_then_the_result_is_flagged_truncated() throws Exception {
        ToolResult r = call(new RunCommandTool(false), sandbox(root, Duration.ofSeconds(60), 500, Map.of("PATH", System.getenv("PATH"))),
                args("command", List.of("sh", "-c", "head -c 3000 /dev/zero | tr '\\0' b")));

        assertThat(r.truncated()).isTrue();
        assertThat(r.content()).contains("output truncated at 500 bytes");
    }

    @Test
    void given_shell_mode_when_run_then_a_pipeline_works_and_the_description_says_so() throws Exception {
        RunCommandTool tool = new RunCommandTool(true);

        ToolResult r = call(tool, sandbox(root), args("command", List.of("printf abc | wc -c")));

        assertThat(r.structuredContent().get("stdout").asString().strip()).isEqualTo("3");
        assertThat(tool.description()).contains("sh -c");
        assertThat(new RunCommandTool(false).description()).contains("NOT run through a shell");
    }
}
