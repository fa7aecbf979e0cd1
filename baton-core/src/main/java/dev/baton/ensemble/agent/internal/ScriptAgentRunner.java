package dev.baton.ensemble.agent.internal;

import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.agent.AgentContext;
import dev.baton.ensemble.agent.AgentOutcome;
import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.agent.ScriptResolver;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.internal.JsonText;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a script agent attempt as a child process in the project directory. The script gets
 * {@code {"input", "parameters", "dependencies": {name: {"response", "status"}}, "context"}} as
 * JSON on stdin — or, for a script of an llm-orc project ({@link ScriptResolver.Envelope#LLM_ORC}),
 * llm-orc's own document and variables ({@link LlmOrcEnvelope}) — plus {@code BATON_INPUT} (omitted above 64 KiB), {@code BATON_PARAMETERS},
 * {@code BATON_AGENT}, {@code BATON_RUN_ID} and {@code BATON_ENSEMBLE} in its environment. Its
 * stdout (capped) is the output, parsed as JSON when it is JSON; a JSON object with
 * {@code "success": false} fails the agent with its {@code "error"}. A non-zero exit fails the
 * agent with the tail of stderr. The script runs in its own session (see {@link ScriptLauncher});
 * when the agent ends, for whatever reason, every process the script started is ended too
 * ({@link ScriptGroup}), and output is not waited for beyond that: a background child holding
 * stdout open does not delay the agent. A script whose run was cancelled ends {@code cancelled},
 * whatever its exit status.
 */
public final class ScriptAgentRunner implements AgentRunner {

    static final int MAX_ENV_INPUT = 64 << 10;
    private static final Duration STREAM_GRACE = Duration.ofSeconds(2);
    private static final int MESSAGE_TAIL = 2000;

    private final ScriptResolver resolver;
    private final ScriptLauncher launcher;
    private final Path workDir;
    private final int maxStdout;
    private final int stderrTail;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final JsonText json = new JsonText(mapper);

    public ScriptAgentRunner(ScriptResolver resolver, ScriptLauncher launcher, Path workDir, int maxStdout, int stderrTail) {
        this.resolver = resolver;
        this.launcher = launcher;
        this.workDir = workDir;
        this.maxStdout = maxStdout;
        this.stderrTail = stderrTail;
    }

    @Override
    public String kind() {
        return AgentKind.SCRIPT;
    }

    @Override
    public AgentOutcome run(AgentContext ctx) throws IOException, InterruptedException {
        ScriptResolver.ResolvedScript script = resolver.resolve(ctx.agent().script());
        boolean llmOrc = script.envelope() == ScriptResolver.Envelope.LLM_ORC;
        ObjectNode stdin = llmOrc ? LlmOrcEnvelope.stdin(ctx, mapper) : stdin(ctx);
        ProcessBuilder pb = new ProcessBuilder(script.command()).directory(workDir.toFile());
        if (llmOrc) LlmOrcEnvelope.environment(pb.environment(), ctx, stdin);
        environment(pb.environment(), ctx, ctx.agent().parameters() == null ? "{}" : ctx.agent().parameters().toString());
        String name = ctx.agent().name();
        int exit;
        StreamCapture out;
        StreamCapture err;
        try (ScriptGroup group = launcher.start(pb)) {
            Process process = group.process();
            // the abort hook runs on the cancelling thread: end the processes off it
            ctx.control().onAbort(() -> Thread.ofVirtual().name("baton-script-stop-" + name).start(group::close));
            out = StreamCapture.head(process.getInputStream(), maxStdout, "baton-script-out-" + name);
            err = StreamCapture.tail(process.getErrorStream(), stderrTail, "baton-script-err-" + name);
            ctx.control().diagnostics(() -> tail(err.text()));
            Thread.ofVirtual().name("baton-script-in-" + name).start(() -> write(process, stdin));
            exit = process.waitFor();
            // the script is done: its background children go now, which also closes any stdout
            // they inherited, so the readers below reach the end of their streams at once
            group.close();
            out.await(STREAM_GRACE);
            err.await(STREAM_GRACE);
        }
        // cancelled while the script was ending (a signal may have ended it first): that is a
        // cancellation, not a failure, whatever the exit status says
        if (ctx.control().aborted() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("script agent '" + name + "' was cancelled");
        }
        if (exit != 0) {
            throw fail(ctx, "script exited with status " + exit + tailSuffix(err.text()));
        }
        if (out.overflowed()) {
            throw fail(ctx, "script wrote more than " + maxStdout + " bytes to stdout");
        }
        return outcome(ctx, out.text().strip());
    }

    private AgentOutcome outcome(AgentContext ctx, String text) {
        JsonNode parsed = json.parseAny(text);
        if (parsed != null && parsed.isObject() && parsed.has("success") && parsed.get("success").isBoolean()
                && !parsed.get("success").booleanValue()) {
            JsonNode error = parsed.get("error");
            throw fail(ctx, "script reported failure: " + (error == null ? text : JsonText.text(error)));
        }
        return AgentOutcome.of(text, parsed != null && parsed.isContainer() ? parsed : null);
    }

    private ObjectNode stdin(AgentContext ctx) {
        ObjectNode root = mapper.createObjectNode();
        root.set("input", ctx.input());
        root.set("parameters", ctx.agent().parameters() == null ? mapper.createObjectNode() : ctx.agent().parameters());
        ObjectNode deps = root.putObject("dependencies");
        for (AgentResult d : ctx.dependencies()) {
            ObjectNode dep = deps.putObject(d.name());
            if (d.outputJson() != null) dep.set("response", d.outputJson());
            else dep.put("response", d.output());
            dep.put("status", d.status().wire());
        }
        ObjectNode context = root.putObject("context");
        context.put("run_id", ctx.runId()).put("ensemble", ctx.ensemble())
                .put("agent", ctx.agent().name()).put("attempt", ctx.attempt());
        if (ctx.instance() != null) context.put("fan_out_index", ctx.instance());
        if (ctx.deadline() != null) context.put("deadline", ctx.deadline().toString());
        return root;
    }

    private static void environment(Map<String, String> env, AgentContext ctx, String parameters) {
        String input = JsonText.text(ctx.input());
        if (input.length() <= MAX_ENV_INPUT) env.put("BATON_INPUT", input);
        env.put("BATON_PARAMETERS", parameters);
        env.put("BATON_AGENT", ctx.agent().name());
        env.put("BATON_RUN_ID", ctx.runId());
        env.put("BATON_ENSEMBLE", ctx.ensemble());
    }

    private static void write(Process process, ObjectNode stdin) {
        try (OutputStream os = process.getOutputStream()) {
            os.write(stdin.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the script exited or closed stdin without reading it all: that is its choice
        }
    }

    private static BatonException fail(AgentContext ctx, String message) {
        return BatonException.builder(ErrorCode.AGENT_FAILURE, message)
                .context(ErrorContext.EMPTY.withAgent(ctx.agent().name())).build();
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() <= MESSAGE_TAIL ? t : "..." + t.substring(t.length() - MESSAGE_TAIL);
    }

    private static String tailSuffix(String stderr) {
        String t = tail(stderr);
        return t.isEmpty() ? "" : ": " + t;
    }
}
