package dev.baton.bench;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ToolCall;
import dev.baton.provider.scripted.MatchOn;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedReply;
import dev.baton.provider.scripted.ScriptedRule;
import dev.baton.provider.scripted.ScriptedScript;
import dev.baton.provider.scripted.ScriptedToolCall;
import dev.baton.tool.Sandbox;
import dev.baton.tool.SandboxViolation;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolLoop;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A scripted model that asks for {@code calls} tool calls in its first answer and answers "done"
 * once it sees their results; a tool that sleeps {@code toolMicros} (0: returns at once); a
 * minimal invoker (look up, run, record: the loop's own cost, not the real invoker's checks); the
 * loop over them; and the two requests the loop sends, for calling the model without the loop.
 */
final class ToolLoopFixture {

    final ScriptedChatModel model;
    final ToolLoop loop;
    final ToolContext context;
    final ChatRequest first;
    final ChatRequest followUp;

    ToolLoopFixture(int calls, long toolMicros) {
        ScriptedToolCall[] round = new ScriptedToolCall[calls];
        for (int i = 0; i < calls; i++) round[i] = new ScriptedToolCall("call_" + i, "noop", JsonNodeFactory.instance.objectNode());
        model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .rule(new ScriptedRule(".", MatchOn.TOOL_RESULTS, ScriptedReply.text("done")))
                .fallback(ScriptedReply.toolCalls(round))
                .build(), "bench");
        Tool tool = new NoOpTool(toolMicros);
        loop = new ToolLoop(model, new LookupInvoker(tool), List.of(tool));
        context = new ToolContext("bench", "bench", new RefusingSandbox(), Instant.now().plus(Duration.ofDays(1)));
        first = ChatRequest.of("call the tools");
        ToolLoop.Result result = loop.run(first, context);
        if (!"done".equals(result.response().text()) || result.calls().size() != calls) {
            throw new IllegalStateException("fixture loop did not run as scripted: " + result);
        }
        List<ChatRequest> sent = model.requests();
        followUp = sent.get(1);
        model.reset();
    }

    /** A tool that does nothing, or waits {@code micros} (a tool blocked on I/O). */
    record NoOpTool(long micros) implements Tool {
        @Override public String name() { return "noop"; }
        @Override public String description() { return "does nothing"; }
        @Override public String parametersSchema() { return "{\"type\":\"object\",\"properties\":{}}"; }
        @Override public ToolCategory category() { return ToolCategory.READ; }

        @Override
        public ToolResult call(ObjectNode arguments, ToolContext context) {
            if (micros > 0) LockSupport.parkNanos(micros * 1_000);
            return ToolResult.ok("ok");
        }
    }

    /** Looks the one tool up, runs it and records the call. */
    record LookupInvoker(Tool tool) implements ToolInvoker {
        @Override
        public Invocation invoke(ToolCall call, ToolContext context) {
            Instant started = Instant.now();
            ToolResult result;
            try {
                result = tool.name().equals(call.name())
                        ? tool.call(JsonNodeFactory.instance.objectNode(), context) : ToolResult.error("unknown tool");
            } catch (Exception e) {
                result = ToolResult.error(String.valueOf(e.getMessage()));
            }
            ToolCallRecord record = new ToolCallRecord(call.id(), call.name(), call.argumentsJson(), started,
                    Duration.between(started, Instant.now()), ToolCallRecord.Outcome.OK, result.content().length(),
                    false, "bench");
            return new Invocation(result, record);
        }
    }

    /** No tool here touches files or runs commands. */
    static final class RefusingSandbox implements Sandbox {
        @Override public Path root() { return Path.of("."); }
        @Override public Path readable(String path) { throw new SandboxViolation("no paths in the benchmark"); }
        @Override public Path writable(String path) { throw new SandboxViolation("no paths in the benchmark"); }
        @Override public int outputCapBytes() { return 65_536; }
        @Override public Duration callTimeLimit() { return Duration.ofSeconds(30); }
        @Override public CommandResult run(List<String> argv, boolean shell, Path dir, Duration limit) {
            throw new SandboxViolation("no commands in the benchmark");
        }
    }
}
