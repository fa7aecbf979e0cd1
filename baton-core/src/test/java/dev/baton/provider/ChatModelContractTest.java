package dev.baton.provider;

import dev.baton.secret.Secret;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import dev.baton.testing.LoopbackServer;
import dev.baton.tool.DirectToolInvoker;
import dev.baton.tool.FunctionTool;
import dev.baton.tool.TestSandbox;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolLoop;
import dev.baton.tool.ToolLoopStream;
import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The contract every provider adapter passes, each against a loopback server speaking its own
 * wire format (supplied by {@link #dialect()}).
 */
public abstract class ChatModelContractTest {

    protected static final String API_KEY = "sk-test-SECRET-0123456789abcdef";
    protected static final ObjectMapper JSON = JsonMapper.builder().build();

    protected LoopbackServer server;

    /** The adapter under test, pointed at {@code baseUrl}, with the given key and request timeout. */
    protected abstract ChatModel model(URI baseUrl, Secret apiKey, Duration timeout);

    protected abstract WireDialect dialect();

    @BeforeEach
    void startServer() {
        server = new LoopbackServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    protected ChatModel model() {
        return model(server.baseUri(), Secret.of(API_KEY), Duration.ofSeconds(5));
    }

    private JsonNode lastBody() {
        return JSON.readTree(server.lastRequest().body());
    }

    @Test
    void chat_returns_text_and_usage_and_sends_the_prompt_with_credentials() {
        server.enqueue(dialect().text("Hello there", 12, 3));

        ChatResponse response = model().chat(ChatRequest.builder().system("be brief").user("Say hello").build());

        assertThat(response.text()).isEqualTo("Hello there");
        assertThat(response.usage().inputTokens()).isEqualTo(12);
        assertThat(response.usage().outputTokens()).isEqualTo(3);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(dialect().userText(lastBody())).isEqualTo("Say hello");
        assertThat(server.lastRequest().header(dialect().authHeader())).isEqualTo(dialect().authValue(API_KEY));
    }

    @Test
    void prepare_sends_nothing_and_the_first_call_after_it_works() {
        ChatModel model = model();

        model.prepare();
        model.prepare();

        assertThat(server.requests()).isEmpty();
        server.enqueue(dialect().text("ready", 3, 1));
        assertThat(model.chat(ChatRequest.of("hi")).text()).isEqualTo("ready");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void stream_yields_deltas_in_order_and_final_usage() {
        server.enqueue(dialect().streamedText(List.of("Hel", "lo", " world"), 7, 4));

        List<String> deltas = new ArrayList<>();
        ChatResponse response;
        try (ChatStream stream = model().stream(ChatRequest.of("hi"))) {
            while (stream.hasNext()) {
                ChatChunk chunk = stream.next();
                if (!chunk.textDelta().isEmpty()) deltas.add(chunk.textDelta());
            }
            response = stream.response();
        }

        assertThat(deltas).containsExactly("Hel", "lo", " world");
        assertThat(response.text()).isEqualTo("Hello world");
        assertThat(response.usage().inputTokens()).isEqualTo(7);
        assertThat(response.usage().outputTokens()).isEqualTo(4);
        assertThat(response.usage().estimated()).isFalse();
        assertThat(response.timeToFirstToken()).isNotNull();
    }

    @Test
    void tool_calls_round_trip_including_parallel_calls() {
        List<ToolCall> calls = List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_2", "get_time", "{\"zone\":\"CET\"}"));
        server.enqueue(dialect().toolCalls(calls));

        ChatResponse response = model().chat(ChatRequest.builder().user("weather and time?")
                .tools(List.of(new ToolSpec("get_weather", "weather", "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"),
                        new ToolSpec("get_time", "time", null)))
                .build());

        assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactly("get_weather", "get_time");
        assertThat(JSON.readTree(response.toolCalls().get(0).argumentsJson()).path("city").asString()).isEqualTo("Paris");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(dialect().declaredTools(lastBody())).containsExactly("get_weather", "get_time");
    }

    @Test
    void streamed_tool_calls_are_reassembled() {
        List<ToolCall> calls = List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\",\"unit\":\"C\"}"),
                new ToolCall("call_2", "get_time", "{\"zone\":\"CET\"}"));
        server.enqueue(dialect().streamedToolCalls(calls));

        ChatResponse response = model().stream(ChatRequest.builder().user("weather?")
                .tools(List.of(new ToolSpec("get_weather", "", null), new ToolSpec("get_time", "", null))).build()).drain();

        assertThat(response.toolCalls()).hasSize(2);
        assertThat(response.toolCalls().get(0).name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(response.toolCalls().get(0).argumentsJson()).path("unit").asString()).isEqualTo("C");
        assertThat(JSON.readTree(response.toolCalls().get(1).argumentsJson()).path("zone").asString()).isEqualTo("CET");
    }

    private static final List<Tool> LOOP_TOOLS = List.of(
            FunctionTool.read("get_weather", args -> ToolResult.ok("sunny in " + args.path("city").asString())),
            FunctionTool.read("get_time", args -> ToolResult.ok("12:00 " + args.path("zone").asString())),
            FunctionTool.read("station", args -> ToolResult.error("station offline")));

    private String ref(String id, String name) {
        return dialect().pairsToolResultsById() ? id : name;
    }

    @Test
    void tool_loop_round_trips_a_call_a_parallel_pair_with_an_error_and_a_final_answer() {
        server.enqueue(dialect().toolCalls(List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))));
        server.enqueue(dialect().toolCalls(List.of(new ToolCall("call_2", "get_time", "{\"zone\":\"CET\"}"),
                new ToolCall("call_3", "station", "{}"))));
        server.enqueue(dialect().text("Sunny at noon; the station is offline.", 40, 9));

        ToolLoop.Result result = new ToolLoop(model(), new DirectToolInvoker(LOOP_TOOLS), LOOP_TOOLS)
                .run(ChatRequest.of("weather, time and station?"), TestSandbox.context());

        assertThat(result.response().text()).isEqualTo("Sunny at noon; the station is offline.");
        assertThat(result.rounds()).isEqualTo(2);
        assertThat(result.calls()).extracting(ToolCallRecord::tool).containsExactly("get_weather", "get_time", "station");
        assertThat(result.response().usage().inputTokens()).isGreaterThan(40);
        List<LoopbackServer.Recorded> sent = server.requests();
        assertThat(sent).hasSize(3);
        JsonNode first = JSON.readTree(sent.get(0).body());
        assertThat(dialect().declaredTools(first)).containsExactly("get_weather", "get_time", "station");
        assertThat(dialect().toolResults(first)).isEmpty();
        JsonNode second = JSON.readTree(sent.get(1).body());
        assertThat(dialect().echoedToolCalls(second)).containsExactly(ref(result.calls().get(0).callId(), "get_weather"));
        assertThat(dialect().toolResults(second)).containsExactly(
                new WireDialect.SentToolResult(ref(result.calls().get(0).callId(), "get_weather"), "sunny in Paris", false));
        JsonNode third = JSON.readTree(sent.get(2).body());
        assertThat(dialect().echoedToolCalls(third)).containsExactly(ref(result.calls().get(0).callId(), "get_weather"),
                ref(result.calls().get(1).callId(), "get_time"), ref(result.calls().get(2).callId(), "station"));
        assertThat(dialect().toolResults(third)).containsExactly(
                new WireDialect.SentToolResult(ref(result.calls().get(0).callId(), "get_weather"), "sunny in Paris", false),
                new WireDialect.SentToolResult(ref(result.calls().get(1).callId(), "get_time"), "12:00 CET", false),
                new WireDialect.SentToolResult(ref(result.calls().get(2).callId(), "station"), "station offline", true));
        if (dialect().pairsToolResultsById()) {
            assertThat(result.calls()).extracting(ToolCallRecord::callId).containsExactly("call_1", "call_2", "call_3");
        }
    }

    @Test
    void streamed_tool_loop_round_trips_streamed_calls_and_streams_the_final_text() {
        server.enqueue(dialect().streamedToolCalls(List.of(new ToolCall("call_7", "get_weather", "{\"city\":\"Oslo\"}"),
                new ToolCall("call_8", "get_time", "{\"zone\":\"CET\"}"))));
        server.enqueue(dialect().streamedText(List.of("Snow", " at", " noon"), 30, 3));

        List<String> deltas = new ArrayList<>();
        ToolLoop.Result result;
        try (ToolLoopStream stream = new ToolLoop(model(), new DirectToolInvoker(LOOP_TOOLS), LOOP_TOOLS)
                .stream(ChatRequest.of("weather in Oslo?"), TestSandbox.context())) {
            while (stream.hasNext()) {
                ChatChunk chunk = stream.next();
                if (!chunk.textDelta().isEmpty()) deltas.add(chunk.textDelta());
            }
            result = stream.result();
        }

        // text a model writes before its tool calls (Anthropic's preamble) streams too; the final answer's last
        assertThat(deltas).endsWith("Snow", " at", " noon");
        assertThat(result.response().text()).isEqualTo("Snow at noon");
        assertThat(result.response().usage().inputTokens()).isGreaterThanOrEqualTo(30);
        JsonNode second = JSON.readTree(server.requests().get(1).body());
        assertThat(dialect().toolResults(second)).containsExactly(
                new WireDialect.SentToolResult(ref(result.calls().get(0).callId(), "get_weather"), "sunny in Oslo", false),
                new WireDialect.SentToolResult(ref(result.calls().get(1).callId(), "get_time"), "12:00 CET", false));
    }

    @Test
    void json_schema_output_is_requested_natively() {
        server.enqueue(dialect().text("{\"answer\":42}", 5, 5));
        String schema = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"integer\"}},\"required\":[\"answer\"]}";

        ChatResponse response = model().chat(ChatRequest.builder().user("the answer?")
                .responseFormat(ResponseFormat.jsonSchema("answer", schema)).build());

        assertThat(JSON.readTree(response.text()).path("answer").asInt()).isEqualTo(42);
        assertThat(dialect().asksForSchemaWithProperty(lastBody(), "answer")).isTrue();
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, INVALID_REQUEST, false",
            "401, AUTHENTICATION, false",
            "403, PERMISSION_DENIED, false",
            "404, NOT_FOUND, false",
            "429, RATE_LIMITED, true",
            "500, PROVIDER_ERROR, true",
            "503, MODEL_UNAVAILABLE, true"})
    void error_statuses_map_onto_the_taxonomy(int status, ErrorCode code, boolean retriable) {
        server.enqueue(dialect().error(status, "some_error", "it went wrong"));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.retriable()).isEqualTo(retriable);
        assertThat(e.providerStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains("it went wrong");
    }

    @Test
    void rate_limit_surfaces_retry_after() {
        server.enqueue(dialect().error(429, "rate_limit_error", "slow down").withHeader("Retry-After", "7"));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void rate_limit_in_a_stream_surfaces_retry_after_ms() {
        server.enqueue(dialect().error(429, "rate_limit_error", "slow down").withHeader("retry-after-ms", "1500"));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().stream(ChatRequest.of("hi")));

        assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void a_stream_cut_mid_event_is_an_interrupted_stream_not_a_complete_answer() {
        server.enqueue(dialect().streamCutMidEvent());

        BatonException e = catchThrowableOfType(BatonException.class,
                () -> model().stream(ChatRequest.of("hi")).drain());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.reason()).isIn(ErrorReason.STREAM_INTERRUPTED, ErrorReason.MALFORMED_RESPONSE);
        assertThat(e.retriable()).isTrue();
    }

    @Test
    void malformed_json_is_a_provider_error() {
        server.enqueue(dialect().malformed());

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.reason()).isEqualTo(ErrorReason.MALFORMED_RESPONSE);
    }

    @Test
    void a_slow_first_byte_past_the_timeout_is_a_timeout() {
        server.enqueue(dialect().text("late", 1, 1).withFirstByteDelay(Duration.ofSeconds(3)));
        ChatModel model = model(server.baseUri(), Secret.of(API_KEY), Duration.ofMillis(300));

        long start = System.nanoTime();
        BatonException e = catchThrowableOfType(BatonException.class, () -> model.chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(e.retriable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void closing_a_stream_drops_the_connection() throws InterruptedException {
        server.enqueue(dialect().endlessStream());

        ChatStream stream = model().stream(ChatRequest.of("go on forever"));
        assertThat(stream.hasNext()).isTrue();
        stream.next();
        stream.close();

        assertThat(server.awaitClientLeft(Duration.ofSeconds(10))).as("server saw the client leave").isTrue();
        assertThat(stream.hasNext()).isFalse();
        assertThat(stream.response().finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(stream.response().usage().estimated()).isTrue();
    }

    @Test
    void the_api_key_never_appears_in_errors_or_to_string() {
        server.enqueue(dialect().error(401, "invalid_api_key", "Incorrect API key provided: " + API_KEY));
        ChatModel model = model();

        BatonException e = catchThrowableOfType(BatonException.class, () -> model.chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(e.getMessage()).doesNotContain(API_KEY).doesNotContain("0123456789abcdef");
        assertThat(e.toString()).doesNotContain(API_KEY);
        assertThat(model.toString()).doesNotContain(API_KEY);
    }

    @Test
    void a_refused_connection_is_a_retriable_failure() {
        int port;
        try (LoopbackServer gone = new LoopbackServer()) {
            port = gone.baseUri().getPort();
        }
        ChatModel model = model(URI.create("http://127.0.0.1:" + port), Secret.of(API_KEY), Duration.ofSeconds(2));

        assertThatThrownBy(() -> model.chat(ChatRequest.of("hi")))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.retriable()).isTrue());
    }
}
