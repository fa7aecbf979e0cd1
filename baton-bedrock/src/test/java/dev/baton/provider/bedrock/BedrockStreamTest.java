package dev.baton.provider.bedrock;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ResponseFormat;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.baton.provider.bedrock.BedrockDialect.blockStop;
import static dev.baton.provider.bedrock.BedrockDialect.messageStart;
import static dev.baton.provider.bedrock.BedrockDialect.messageStop;
import static dev.baton.provider.bedrock.BedrockDialect.metadata;
import static dev.baton.provider.bedrock.BedrockDialect.textDelta;
import static dev.baton.provider.bedrock.BedrockDialect.toolDelta;
import static dev.baton.provider.bedrock.BedrockDialect.toolStart;
import static dev.baton.provider.bedrock.BedrockDialect.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** ConverseStream: event-stream frames in, chunks out; errors, cancellation and stalls. */
class BedrockStreamTest extends BedrockLoopbackTest {

    @Test
    void streamed_usage_counts_cached_tokens_and_the_request_id_is_kept() {
        server.enqueue(BedrockDialect.stream(List.of(messageStart(), textDelta(0, "Hi"), blockStop(0),
                messageStop("end_turn"), metadata(usage(10, 2, 2000, 0)))));

        ChatResponse response = model().stream(ChatRequest.of("hi")).drain();

        assertThat(response.text()).isEqualTo("Hi");
        assertThat(response.usage().inputTokens()).isEqualTo(2010);
        assertThat(response.usage().cachedInputTokens()).isEqualTo(2000);
        assertThat(response.usage().estimated()).isFalse();
        assertThat(response.responseId()).isEqualTo("req-stream-1");
        assertThat(server.lastRequest().path()).isEqualTo("/model/" + BedrockChatModelContractTest.MODEL + "/converse-stream");
    }

    @Test
    void a_model_stream_error_mid_stream_is_a_retriable_provider_error_after_the_text_so_far() {
        server.enqueue(BedrockDialect.stream(List.of(messageStart(), textDelta(0, "Hel"),
                EventStreamFrames.exception("modelStreamErrorException",
                        "{\"message\":\"The model failed mid-answer\",\"originalStatusCode\":500,"
                                + "\"originalMessage\":\"boom\"}"))));

        List<String> seen = new ArrayList<>();
        ChatStream stream = model().stream(ChatRequest.of("hi"));
        BatonException e = catchThrowableOfType(BatonException.class, () -> {
            while (stream.hasNext()) seen.add(stream.next().textDelta());
        });
        stream.close();

        assertThat(seen).containsExactly("Hel");
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.reason()).isEqualTo(ErrorReason.STREAM_INTERRUPTED);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("ModelStreamErrorException").contains("The model failed mid-answer");
        assertThat(stream.response().text()).isEqualTo("Hel");
    }

    @Test
    void throttling_mid_stream_is_rate_limited() {
        server.enqueue(BedrockDialect.stream(List.of(messageStart(), textDelta(0, "a"),
                EventStreamFrames.exception("throttlingException", "{\"message\":\"Too many tokens, please wait.\"}"))));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().stream(ChatRequest.of("hi")).drain());

        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retriable()).isTrue();
    }

    @Test
    void a_json_schema_answer_streams_out_as_text_from_the_forced_tool() {
        server.enqueue(BedrockDialect.stream(List.of(messageStart(), toolStart(0, "tooluse_1", "answer"),
                toolDelta(0, "{\"answer\""), toolDelta(0, ": 42}"), blockStop(0), messageStop("tool_use"),
                metadata(usage(40, 9, 0, 0)))));

        List<String> deltas = new ArrayList<>();
        ChatResponse response;
        try (ChatStream stream = model().stream(ChatRequest.builder().user("the answer?")
                .responseFormat(ResponseFormat.jsonSchema("answer",
                        "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"integer\"}}}")).build())) {
            while (stream.hasNext()) {
                ChatChunk chunk = stream.next();
                if (!chunk.textDelta().isEmpty()) deltas.add(chunk.textDelta());
            }
            response = stream.response();
        }

        assertThat(deltas).containsExactly("{\"answer\"", ": 42}");
        assertThat(BedrockDialect.JSON.readTree(response.text()).path("answer").asInt()).isEqualTo(42);
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void text_before_parallel_streamed_tool_uses_and_each_call_arrives_whole() {
        server.enqueue(BedrockDialect.stream(List.of(messageStart(), textDelta(0, "Checking."), blockStop(0),
                toolStart(1, "tooluse_1", "get_weather"), toolDelta(1, "{\"city\":"), toolStart(2, "tooluse_2", "get_time"),
                toolDelta(2, "{\"zone\":\"CET\"}"), toolDelta(1, "\"Paris\"}"), blockStop(2), blockStop(1),
                messageStop("tool_use"), metadata(usage(30, 12, 0, 0)))));

        List<ChatChunk> chunks = new ArrayList<>();
        ChatStream stream = model().stream(ChatRequest.of("weather and time?"));
        stream.forEachRemaining(chunks::add);
        ChatResponse response = stream.response();

        assertThat(response.text()).isEqualTo("Checking.");
        assertThat(response.toolCalls()).extracting(c -> c.id() + " " + c.name() + " " + c.argumentsJson())
                .containsExactly("tooluse_2 get_time {\"zone\":\"CET\"}", "tooluse_1 get_weather {\"city\":\"Paris\"}");
        assertThat(chunks).filteredOn(c -> !c.toolCalls().isEmpty()).allSatisfy(c -> assertThat(c.toolCalls()).hasSize(1));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void a_stream_that_ends_after_message_stop_without_metadata_completes_with_estimated_usage() {
        server.enqueue(BedrockDialect.stream(List.of(messageStart(), textDelta(0, "Done here"), blockStop(0),
                messageStop("max_tokens"))));

        ChatResponse response = model().stream(ChatRequest.of("hi")).drain();

        assertThat(response.text()).isEqualTo("Done here");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.usage().estimated()).isTrue();
    }

    @Test
    void a_stall_after_the_first_events_is_a_retriable_timeout() {
        server.enqueue(BedrockDialect.stream(List.of(messageStart(), textDelta(0, "a"), textDelta(0, "b")))
                .withFrameDelay(Duration.ofSeconds(4)));
        BedrockChatModel model = model(BedrockChatModelContractTest.MODEL, Duration.ofMillis(500));

        long start = System.nanoTime();
        BatonException e = catchThrowableOfType(BatonException.class, () -> model.stream(ChatRequest.of("hi")).drain());

        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(e.retriable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void interrupting_the_consumer_cancels_the_stream_and_drops_the_connection() throws Exception {
        server.enqueue(BedrockDialect.stream(List.of(messageStart(), textDelta(0, "tick "))).untilClientLeaves()
                .withFrameDelay(Duration.ofMillis(5)));
        ChatStream stream = model().stream(ChatRequest.of("go on"));
        CountDownLatch reading = new CountDownLatch(1);
        CompletableFuture<BatonException> failure = new CompletableFuture<>();
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                while (stream.hasNext()) {
                    stream.next();
                    reading.countDown();
                }
                failure.complete(null);
            } catch (BatonException e) {
                failure.complete(e);
            }
        });

        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        consumer.interrupt();

        BatonException e = failure.get(10, TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(ErrorReason.CANCELLED);
        assertThat(server.awaitClientLeft(Duration.ofSeconds(10))).as("server saw the client leave").isTrue();
        stream.close();
    }

    @Test
    void an_error_status_on_the_stream_endpoint_fails_stream_before_any_chunk() {
        Reply reply = BedrockDialect.error(400, "ValidationException",
                "Input is too long for requested model.", true);
        server.enqueue(reply);

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().stream(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.reason()).isEqualTo(ErrorReason.CONTEXT_OVERFLOW);
        assertThat(e.retriable()).isFalse();
    }
}
