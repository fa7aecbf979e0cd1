package dev.baton.provider.scripted;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FinishReason;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptedChatModelStreamTest {

    private static ScriptedChatModel modelWith(ScriptedReply... replies) {
        ScriptedScript.Builder b = ScriptedScript.builder();
        for (ScriptedReply reply : replies) b.reply(reply);
        return ScriptedChatModel.fromScript(b.build(), "m");
    }

    private static List<ChatChunk> pullAll(ChatStream stream) {
        List<ChatChunk> chunks = new ArrayList<>();
        while (stream.hasNext()) chunks.add(stream.next());
        return chunks;
    }

    @Test
    void streams_text_word_by_word_and_ends_with_usage() {
        ScriptedChatModel model = modelWith(ScriptedReply.text("The quick  brown fox."));

        try (ChatStream stream = model.stream(ChatRequest.of("go"))) {
            List<ChatChunk> chunks = pullAll(stream);

            assertThat(chunks).extracting(ChatChunk::textDelta).containsExactly("The ", "quick  ", "brown ", "fox.", "");
            ChatChunk last = chunks.getLast();
            assertThat(last.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(last.usage().outputTokens()).isEqualTo(6);
            assertThat(last.usage().inputTokens()).isEqualTo(2);
            ChatResponse response = stream.response();
            assertThat(response.text()).isEqualTo("The quick  brown fox.");
            assertThat(response.usage()).isEqualTo(last.usage());
            assertThat(response.responseId()).startsWith("scripted-reply-1-");
            assertThat(response.timeToFirstToken()).isNotNull();
        }
    }

    @Test
    void a_streamed_answer_equals_the_blocking_answer() {
        ScriptedScript script = ScriptedScript.builder().rule(".", ScriptedReply.text("same answer here")).build();

        ChatResponse streamed = ScriptedChatModel.fromScript(script, "m").stream(ChatRequest.of("q")).drain();
        ChatResponse blocking = ScriptedChatModel.fromScript(script, "m").chat(ChatRequest.of("q"));

        assertThat(streamed.text()).isEqualTo(blocking.text());
        assertThat(streamed.usage()).isEqualTo(blocking.usage());
        assertThat(streamed.responseId()).isEqualTo(blocking.responseId());
    }

    @Test
    void tool_calls_arrive_as_one_chunk_before_the_finish_chunk() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ScriptedChatModel model = modelWith(ScriptedReply.toolCalls(
                ScriptedToolCall.of("a", nodes.objectNode().put("x", 1)),
                ScriptedToolCall.of("b", nodes.objectNode().put("y", 2))));

        try (ChatStream stream = model.stream(ChatRequest.of("go"))) {
            List<ChatChunk> chunks = pullAll(stream);

            assertThat(chunks).hasSize(2);
            assertThat(chunks.getFirst().toolCalls()).extracting(dev.baton.llm.ToolCall::name).containsExactly("a", "b");
            assertThat(chunks.getLast().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
            assertThat(stream.response().toolCalls()).hasSize(2);
        }
    }

    @Test
    void reasoning_is_streamed_before_the_text() {
        ScriptedChatModel model = modelWith(ScriptedReply.text("answer").withReasoning("because"));

        try (ChatStream stream = model.stream(ChatRequest.of("go"))) {
            List<ChatChunk> chunks = pullAll(stream);

            assertThat(chunks.getFirst().reasoningDelta()).isEqualTo("because");
            assertThat(stream.response().reasoning()).isEqualTo("because");
            assertThat(stream.response().text()).isEqualTo("answer");
        }
    }

    @Test
    void chunk_delay_spaces_the_chunks() {
        ScriptedChatModel model = modelWith(ScriptedReply.text("a b c d e").withChunkDelay(Duration.ofMillis(40)));

        long start = System.nanoTime();
        model.stream(ChatRequest.of("go")).drain();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void an_error_reply_fails_the_stream_call_itself() {
        ScriptedChatModel model = modelWith(ScriptedReply.error(ErrorCode.MODEL_UNAVAILABLE, "down"));

        assertThatThrownBy(() -> model.stream(ChatRequest.of("go")))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE));
    }

    @Test
    void a_mid_stream_failure_comes_after_the_scripted_number_of_chunks() {
        ScriptedError reset = new ScriptedError(ErrorCode.PROVIDER_ERROR, "reset", null, ErrorReason.STREAM_INTERRUPTED, null);
        ScriptedChatModel model = modelWith(ScriptedReply.text("one two three four").failingAfter(2, reset));
        List<String> seen = new ArrayList<>();

        ChatStream stream = model.stream(ChatRequest.of("go"));
        assertThatThrownBy(() -> {
            while (stream.hasNext()) seen.add(stream.next().textDelta());
        }).isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
            assertThat(e.reason()).isEqualTo(ErrorReason.STREAM_INTERRUPTED);
        });
        stream.close();

        assertThat(seen).containsExactly("one ", "two ");
        assertThat(stream.response().text()).isEqualTo("one two ");
        assertThat(stream.response().usage().estimated()).isTrue();
        assertThatThrownBy(() -> modelWith(ScriptedReply.text("x y").failingAfter(1, reset)).chat(ChatRequest.of("go")))
                .isInstanceOf(BatonException.class);
    }

    @Test
    void close_mid_stream_stops_a_pending_chunk_delay() throws Exception {
        ScriptedChatModel model = modelWith(ScriptedReply.text("first second third").withChunkDelay(Duration.ofSeconds(30)));
        ChatStream stream = model.stream(ChatRequest.of("go"));
        assertThat(stream.next().textDelta()).isEqualTo("first ");

        try (ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor()) {
            closer.schedule(stream::close, 100, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            assertThat(stream.hasNext()).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        ChatResponse response = stream.response();
        assertThat(response.text()).isEqualTo("first ");
        assertThat(response.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(response.usage().estimated()).isTrue();
    }

    @Test
    void close_stops_a_pending_first_token_latency() throws Exception {
        ScriptedChatModel model = modelWith(ScriptedReply.text("late").withFirstTokenLatency(Duration.ofSeconds(30)));
        ChatStream stream = model.stream(ChatRequest.of("go"));

        try (ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor()) {
            closer.schedule(stream::close, 100, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            assertThat(stream.hasNext()).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void first_token_latency_delays_the_first_chunk_but_not_the_stream_call() {
        ScriptedChatModel model = modelWith(ScriptedReply.text("hi").withFirstTokenLatency(Duration.ofMillis(200)));

        long start = System.nanoTime();
        ChatStream stream = model.stream(ChatRequest.of("go"));
        Duration opened = Duration.ofNanos(System.nanoTime() - start);
        ChatResponse response = stream.drain();

        assertThat(opened).isLessThan(Duration.ofMillis(150));
        assertThat(response.timeToFirstToken()).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }
}
