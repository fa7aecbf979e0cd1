package dev.baton.tool;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedReply;
import dev.baton.provider.scripted.ScriptedScript;
import dev.baton.provider.scripted.ScriptedToolCall;
import dev.baton.provider.scripted.ScriptedUsage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ToolLoopTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ScriptedToolCall call(String id, String name, String args) {
        return new ScriptedToolCall(id, name, JSON.readTree(args));
    }

    private static ScriptedReply calls(ScriptedToolCall... calls) {
        return ScriptedReply.toolCalls(calls);
    }

    private static ScriptedChatModel model(ScriptedReply... replies) {
        ScriptedScript.Builder script = ScriptedScript.builder();
        for (ScriptedReply r : replies) script.reply(r);
        return ScriptedChatModel.fromScript(script.build(), "scripted-test");
    }

    private static final Tool ECHO = FunctionTool.read("echo", args -> ToolResult.ok("echo:" + args.path("say").asString()));

    @Test
    void given_an_answer_without_tool_calls_when_run_then_it_is_the_result_after_zero_rounds() {
        ScriptedChatModel model = model(ScriptedReply.text("no tools needed"));

        ToolLoop.Result result = new ToolLoop(model, new DirectToolInvoker(List.of(ECHO)), List.of(ECHO))
                .run(ChatRequest.of("hi"), TestSandbox.context());

        assertThat(result.response().text()).isEqualTo("no tools needed");
        assertThat(result.rounds()).isZero();
        assertThat(result.calls()).isEmpty();
        assertThat(model.requests().getFirst().tools()).extracting(t -> t.name()).containsExactly("echo");
    }

    @Test
    void given_tool_calls_when_run_then_the_assistant_message_and_results_in_call_order_go_back_to_the_model() {
        ScriptedChatModel model = model(
                calls(call("c1", "echo", "{\"say\":\"one\"}"), call("c2", "echo", "{\"say\":\"two\"}")),
                ScriptedReply.text("done"));

        ToolLoop.Result result = new ToolLoop(model, new DirectToolInvoker(List.of(ECHO)), List.of(ECHO))
                .run(ChatRequest.of("echo twice"), TestSandbox.context());

        List<Message> second = model.requests().get(1).messages();
        assertThat(second).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL);
        assertThat(second.get(1).toolCalls()).extracting(ToolCall::id).containsExactly("c1", "c2");
        assertThat(second.subList(2, 4)).extracting(Message::toolCallId).containsExactly("c1", "c2");
        assertThat(second.subList(2, 4)).extracting(Message::text).containsExactly("echo:one", "echo:two");
        assertThat(second.subList(2, 4)).extracting(Message::toolName).containsExactly("echo", "echo");
        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.calls()).extracting(ToolCallRecord::callId).containsExactly("c1", "c2");
        assertThat(result.response().text()).isEqualTo("done");
    }

    @Test
    void given_parallel_tool_calls_of_one_round_when_run_then_they_overlap_in_time() {
        int n = 4;
        CountDownLatch allStarted = new CountDownLatch(n);
        List<Instant> starts = new CopyOnWriteArrayList<>();
        List<Instant> ends = new CopyOnWriteArrayList<>();
        // each call waits until every call has started: run one after another, the first would wait
        // out the 10 s timeout alone and its end would precede the others' starts
        Tool slow = FunctionTool.read("slow", args -> {
            starts.add(Instant.now());
            allStarted.countDown();
            boolean together = allStarted.await(10, TimeUnit.SECONDS);
            ends.add(Instant.now());
            return ToolResult.ok("together=" + together);
        });
        ScriptedToolCall[] round = new ScriptedToolCall[n];
        for (int i = 0; i < n; i++) round[i] = call("p" + i, "slow", "{}");
        ScriptedChatModel model = model(calls(round), ScriptedReply.text("ok"));

        ToolLoop.Result result = new ToolLoop(model, new DirectToolInvoker(List.of(slow)), List.of(slow))
                .run(ChatRequest.of("go"), TestSandbox.context());

        assertThat(Collections.max(starts)).isBeforeOrEqualTo(Collections.min(ends));
        assertThat(model.requests().get(1).messages()).filteredOn(m -> m.role() == Role.TOOL)
                .extracting(Message::text).containsOnly("together=true");
        assertThat(result.calls()).extracting(ToolCallRecord::callId).containsExactly("p0", "p1", "p2", "p3");
    }

    @Test
    void given_a_model_that_never_stops_calling_tools_when_run_then_it_ends_with_the_typed_error_at_the_limit() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .fallback(calls(call(null, "echo", "{\"say\":\"again\"}"))).build(), "looping");

        ToolRoundsExceededException e = catchThrowableOfType(ToolRoundsExceededException.class,
                () -> new ToolLoop(model, new DirectToolInvoker(List.of(ECHO)), List.of(ECHO), 3)
                        .run(ChatRequest.of("loop"), TestSandbox.context()));

        assertThat(e.code()).isEqualTo(ErrorCode.AGENT_FAILURE);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("3 tool rounds").contains("max_tool_rounds");
        assertThat(e.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("max_tool_rounds"));
        assertThat(e.limit()).isEqualTo(3);
        assertThat(e.calls()).hasSize(3);
        assertThat(model.callCount()).isEqualTo(4);
        assertThat(e.usage().inputTokens()).isPositive();
    }

    @Test
    void given_several_rounds_when_run_then_usage_is_summed_over_every_round() {
        ScriptedChatModel model = model(
                calls(call("a", "echo", "{}")).withUsage(new ScriptedUsage(100L, 10L, 5L)),
                calls(call("b", "echo", "{}")).withUsage(new ScriptedUsage(200L, 20L, 0L)),
                ScriptedReply.text("fin").withUsage(new ScriptedUsage(300L, 30L, 0L)));

        ToolLoop.Result result = new ToolLoop(model, new DirectToolInvoker(List.of(ECHO)), List.of(ECHO))
                .run(ChatRequest.of("go"), TestSandbox.context());

        assertThat(result.rounds()).isEqualTo(2);
        assertThat(result.response().usage().inputTokens()).isEqualTo(600);
        assertThat(result.response().usage().outputTokens()).isEqualTo(60);
        assertThat(result.response().usage().cachedInputTokens()).isEqualTo(5);
    }

    @Test
    void given_a_tool_error_result_when_run_then_the_model_receives_it_flagged_as_an_error() {
        Tool broken = FunctionTool.read("broken", args -> ToolResult.error("disk on fire"));
        ScriptedChatModel model = model(calls(call("e1", "broken", "{}")), ScriptedReply.text("sorry"));

        ToolLoop.Result result = new ToolLoop(model, new DirectToolInvoker(List.of(broken)), List.of(broken))
                .run(ChatRequest.of("go"), TestSandbox.context());

        Message toolMessage = model.requests().get(1).messages().getLast();
        assertThat(toolMessage.role()).isEqualTo(Role.TOOL);
        assertThat(toolMessage.isError()).isTrue();
        assertThat(toolMessage.text()).isEqualTo("disk on fire");
        assertThat(result.calls().getFirst().outcome()).isEqualTo(ToolCallRecord.Outcome.ERROR);
    }

    @Test
    void given_an_invoker_that_throws_when_run_then_the_model_gets_an_error_result_and_the_loop_goes_on() {
        ToolInvoker throwing = (call, context) -> {
            throw new IllegalStateException("invoker bug");
        };
        ScriptedChatModel model = model(calls(call("x", "echo", "{\"token\":\"s3cret\"}")), ScriptedReply.text("recovered"));

        ToolLoop.Result result = new ToolLoop(model, throwing, List.of(ECHO)).run(ChatRequest.of("go"), TestSandbox.context());

        Message toolMessage = model.requests().get(1).messages().getLast();
        assertThat(toolMessage.isError()).isTrue();
        assertThat(toolMessage.text()).contains("invoker bug");
        assertThat(result.response().text()).isEqualTo("recovered");
        assertThat(result.calls().getFirst().arguments()).doesNotContain("s3cret");
    }

    @Test
    void given_a_provider_without_call_ids_when_run_then_calls_and_results_are_paired_by_generated_ids() {
        ToolInvoker invoker = new DirectToolInvoker(List.of(ECHO));
        var model = new dev.baton.llm.ChatModel() {
            final List<ChatRequest> seen = new ArrayList<>();
            @Override public dev.baton.llm.ChatResponse chat(ChatRequest r) {
                seen.add(r);
                return seen.size() == 1
                        ? new dev.baton.llm.ChatResponse("", List.of(new ToolCall(null, "echo", "{}")), null, null,
                                "p", "m", null, null, null, null, null, null)
                        : dev.baton.llm.ChatResponse.ofText("ok", null, "p", "m");
            }
            @Override public dev.baton.llm.ChatStream stream(ChatRequest r) { throw new UnsupportedOperationException(); }
            @Override public dev.baton.llm.ModelInfo info() { return null; }
        };

        new ToolLoop(model, invoker, List.of(ECHO)).run(ChatRequest.of("go"), TestSandbox.context());

        List<Message> second = model.seen.get(1).messages();
        String id = second.get(1).toolCalls().getFirst().id();
        assertThat(id).isNotBlank();
        assertThat(second.get(2).toolCallId()).isEqualTo(id);
    }

    @Test
    void given_the_loop_thread_is_interrupted_while_tools_run_when_run_then_it_ends_cancelled_and_stops_the_tools()
            throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch toolsInterrupted = new CountDownLatch(2);
        Tool blocking = FunctionTool.read("block", args -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                toolsInterrupted.countDown();
                throw e;
            }
            return ToolResult.ok("never");
        });
        ScriptedChatModel model = model(calls(call("b1", "block", "{}"), call("b2", "block", "{}")));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread loop = Thread.ofVirtual().start(() -> {
            try {
                new ToolLoop(model, new DirectToolInvoker(List.of(blocking)), List.of(blocking))
                        .run(ChatRequest.of("go"), TestSandbox.context());
            } catch (Throwable t) {
                failure.set(t);
            }
        });

        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        loop.interrupt();
        loop.join(10_000);

        assertThat(loop.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.reason()).isEqualTo(ErrorReason.CANCELLED);
        });
        assertThat(toolsInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void given_a_stream_when_pulled_then_final_text_streams_tool_events_reach_the_listener_and_usage_is_summed() {
        List<String> events = new CopyOnWriteArrayList<>();
        ToolListener listener = new ToolListener() {
            @Override public void toolCallStarted(ToolContext context, ToolCall call) { events.add("started " + call.id()); }
            @Override public void toolCallFinished(ToolContext context, ToolCallRecord record) { events.add("finished " + record.callId()); }
        };
        ScriptedChatModel model = model(
                calls(call("s1", "echo", "{\"say\":\"hi\"}")).withUsage(new ScriptedUsage(10L, 1L, 0L)),
                ScriptedReply.text("the echo said hi").withUsage(new ScriptedUsage(20L, 4L, 0L)));

        List<ChatChunk> chunks = new ArrayList<>();
        ToolLoopStream stream = new ToolLoop(model, new DirectToolInvoker(List.of(ECHO), listener), List.of(ECHO))
                .stream(ChatRequest.of("go"), TestSandbox.context());
        try (stream) {
            while (stream.hasNext()) chunks.add(stream.next());
        }

        assertThat(chunks).allSatisfy(c -> assertThat(c.toolCalls()).isEmpty());
        assertThat(chunks.stream().map(ChatChunk::textDelta).reduce("", String::concat)).isEqualTo("the echo said hi");
        assertThat(chunks.stream().filter(c -> !c.textDelta().isEmpty()).count()).isGreaterThan(1);
        assertThat(chunks.getLast().isLast()).isTrue();
        assertThat(chunks.getLast().usage().inputTokens()).isEqualTo(30);
        assertThat(stream.response().usage().outputTokens()).isEqualTo(5);
        assertThat(stream.result().rounds()).isEqualTo(1);
        assertThat(events).containsExactly("started s1", "finished s1");
        assertThat(model.requests().get(1).messages().getLast().text()).isEqualTo("echo:hi");
    }

    @Test
    void given_a_streamed_model_that_never_stops_calling_tools_when_pulled_then_the_typed_error_ends_it() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .fallback(calls(call(null, "echo", "{}"))).build(), "looping");

        ToolRoundsExceededException e = catchThrowableOfType(ToolRoundsExceededException.class, () -> {
            try (ToolLoopStream s = new ToolLoop(model, new DirectToolInvoker(List.of(ECHO)), List.of(ECHO), 2)
                    .stream(ChatRequest.of("loop"), TestSandbox.context())) {
                while (s.hasNext()) s.next();
            }
        });

        assertThat(e.limit()).isEqualTo(2);
        assertThat(model.callCount()).isEqualTo(3);
    }

    @Test
    void given_a_stream_closed_while_its_tools_run_when_pulled_then_no_further_round_is_started() {
        AtomicReference<ToolLoopStream> streamRef = new AtomicReference<>();
        Tool closing = FunctionTool.read("closing", args -> {
            streamRef.get().close();
            return ToolResult.ok("closed");
        });
        ScriptedChatModel model = model(calls(call("z1", "closing", "{}")), ScriptedReply.text("never sent"));
        ToolLoopStream stream = new ToolLoop(model, new DirectToolInvoker(List.of(closing)), List.of(closing))
                .stream(ChatRequest.of("go"), TestSandbox.context());
        streamRef.set(stream);

        boolean more = stream.hasNext();

        assertThat(more).isFalse();
        assertThat(model.callCount()).isEqualTo(1);
    }
}
