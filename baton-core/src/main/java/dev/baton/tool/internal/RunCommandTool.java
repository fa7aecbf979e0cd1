package dev.baton.tool.internal;

import dev.baton.tool.Sandbox;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code run_command}: one program run in the workspace through the sandbox. */
public final class RunCommandTool extends BuiltinTool {

    private static final String DESCRIPTION_ARGV = """
            Runs one program in the workspace and returns its exit code, stdout and stderr. "command" \
            is the argument vector, e.g. ["git", "status"]: it is NOT run through a shell, so pipes, \
            redirections, globs and variables are not expanded. """;
    private static final String DESCRIPTION_SHELL = """
            Runs a shell command line in the workspace and returns its exit code, stdout and stderr. \
            The strings of "command" are joined with spaces and run with "sh -c", so pipes and \
            redirections work. """;
    private static final String DESCRIPTION_LIMITS = """
            "cwd" (default the workspace root) must be a folder inside the workspace. stdin is empty; \
            credentials (API keys, tokens, passwords) are removed from the environment. The command \
            is killed with every process it started when it exceeds "timeout_seconds" (at most the \
            sandbox's per-call limit, which is also the default); the result then says "timed out". \
            stdout and stderr are each cut at the tool output cap and marked truncated. A non-zero \
            exit code is reported as a result, not as an error.""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "command":{"type":"array","items":{"type":"string"},"minItems":1,"description":"program and arguments"},
              "cwd":{"type":"string","description":"working folder relative to the workspace root; default \\".\\""},
              "timeout_seconds":{"type":"integer","minimum":1,"description":"time limit; capped by the sandbox's limit"}
            },"required":["command"],"additionalProperties":false}""";

    private final boolean shell;

    /** {@code shell}: run the command line through {@code sh -c} instead of as an argument vector. */
    public RunCommandTool(boolean shell) {
        super("run_command", ToolCategory.EXEC, (shell ? DESCRIPTION_SHELL : DESCRIPTION_ARGV) + DESCRIPTION_LIMITS, SCHEMA);
        this.shell = shell;
    }

    @Override
    ToolResult run(ObjectNode args, ToolContext ctx) throws Exception {
        List<String> argv = ToolArgs.strings(args, "command");
        if (argv.isEmpty() || argv.getFirst().isBlank()) throw new IllegalArgumentException("argument 'command' must name a program");
        String cwd = ToolArgs.optString(args, "cwd");
        Path dir = ToolArgs.readable(ctx.sandbox(), "cwd", cwd == null ? "." : cwd);
        Duration limit = limit(args, ctx);
        Sandbox.CommandResult r = ctx.sandbox().run(argv, shell, dir, limit);
        StringBuilder text = new StringBuilder();
        text.append("exit code: ").append(r.exitCode()).append('\n');
        if (r.timedOut()) text.append("timed out after ").append(limit.toSeconds()).append(" s: the command and its children were killed\n");
        if (r.truncated()) text.append("output truncated at ").append(ctx.sandbox().outputCapBytes()).append(" bytes per stream\n");
        text.append("--- stdout ---\n").append(r.stdout());
        if (!r.stdout().isEmpty() && !r.stdout().endsWith("\n")) text.append('\n');
        text.append("--- stderr ---\n").append(r.stderr());
        ObjectNode structured = JsonNodeFactory.instance.objectNode()
                .put("exit_code", r.exitCode()).put("stdout", r.stdout()).put("stderr", r.stderr())
                .put("timed_out", r.timedOut()).put("truncated", r.truncated())
                .put("duration_ms", r.duration().toMillis());
        return new ToolResult(text.toString(), r.timedOut(), structured, r.truncated());
    }

    /** The asked limit, never past the sandbox's nor the call's deadline. */
    private static Duration limit(ObjectNode args, ToolContext ctx) {
        Duration limit = ctx.sandbox().callTimeLimit();
        int asked = ToolArgs.optInt(args, "timeout_seconds", 0);
        if (asked < 0) throw new IllegalArgumentException("argument 'timeout_seconds' must be positive");
        if (asked > 0 && Duration.ofSeconds(asked).compareTo(limit) < 0) limit = Duration.ofSeconds(asked);
        Duration left = Duration.between(Instant.now(), ctx.deadline());
        if (left.compareTo(limit) < 0) limit = left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
        return limit;
    }
}
