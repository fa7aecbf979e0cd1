package dev.baton.context.internal;

import com.sun.net.httpserver.HttpServer;
import dev.baton.context.TokenCount;
import dev.baton.context.TokenCounter;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.provider.ProviderSettings;
import dev.baton.secret.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Anthropic's and Gemini's count endpoints in their wire formats, on a loopback server. */
class TokenCountEndpointsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final List<Message> CONVERSATION = List.of(
            Message.system("be brief"),
            Message.user("read a.txt"),
            Message.assistant("", List.of(new ToolCall("call-1", "read_file", "{\"path\":\"a.txt\"}"))),
            Message.toolResult("call-1", "read_file", "hello", false),
            Message.user("and now?"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private record Received(String path, Map<String, String> headers, JsonNode body) {
    }

    private URI serve(int status, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            byte[] in = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), headers, JSON.readTree(new String(in, StandardCharsets.UTF_8))));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
        http.close();
    }

    private static ProviderSettings provider(String kind, URI base) {
        return ProviderSettings.of(kind, base, Secret.of("sk-test-secret-1234"));
    }

    @Test
    void anthropic_counts_come_from_count_tokens_in_the_messages_shape_and_are_exact() throws Exception {
        URI base = serve(200, "{\"input_tokens\": 1234}");
        TokenCounter counter = new AnthropicTokenCounter(provider("anthropic", base), "claude-sonnet-4-5", JSON, http, 0);

        TokenCount count = counter.count(CONVERSATION);

        assertThat(count).isEqualTo(new TokenCount(1234, true, "anthropic-count-tokens"));
        Received r = received.getFirst();
        assertThat(r.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(r.headers()).containsEntry("x-api-key", "sk-test-secret-1234").containsEntry("anthropic-version", "2023-06-01");
        assertThat(r.body().path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(r.body().path("system").asString()).isEqualTo("be brief");
        JsonNode messages = r.body().path("messages");
        assertThat(messages.size()).isEqualTo(4);
        assertThat(messages.get(1).path("content").get(0).path("type").asString()).isEqualTo("tool_use");
        assertThat(messages.get(1).path("content").get(0).path("input").path("path").asString()).isEqualTo("a.txt");
        assertThat(messages.get(2).path("content").get(0).path("type").asString()).isEqualTo("tool_result");
        assertThat(messages.get(2).path("content").get(0).path("tool_use_id").asString()).isEqualTo("call-1");
    }

    @Test
    void gemini_counts_come_from_count_tokens_with_a_generate_content_request_and_are_exact() throws Exception {
        URI base = serve(200, "{\"totalTokens\": 321}");
        TokenCounter counter = new GeminiTokenCounter(provider("gemini", base), "gemini-2.5-flash", JSON, http, 0);

        TokenCount count = counter.count(CONVERSATION);

        assertThat(count).isEqualTo(new TokenCount(321, true, "gemini-count-tokens"));
        Received r = received.getFirst();
        assertThat(r.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        assertThat(r.headers()).containsEntry("x-goog-api-key", "sk-test-secret-1234");
        JsonNode request = r.body().path("generateContentRequest");
        assertThat(request.path("model").asString()).isEqualTo("models/gemini-2.5-flash");
        assertThat(request.path("systemInstruction").path("parts").get(0).path("text").asString()).isEqualTo("be brief");
        JsonNode contents = request.path("contents");
        assertThat(contents.get(1).path("role").asString()).isEqualTo("model");
        assertThat(contents.get(1).path("parts").get(0).path("functionCall").path("name").asString()).isEqualTo("read_file");
        assertThat(contents.get(2).path("parts").get(0).path("functionResponse").path("name").asString()).isEqualTo("read_file");
    }

    @Test
    void an_error_answer_falls_back_to_the_labelled_estimate() throws Exception {
        URI base = serve(429, "{\"error\": {\"message\": \"slow down\"}}");
        TokenCounter counter = new AnthropicTokenCounter(provider("anthropic", base), "claude", JSON, http, 0);

        TokenCount count = counter.count(CONVERSATION);

        assertThat(count.exact()).isFalse();
        assertThat(count).isEqualTo(EstimatedTokenCounter.INSTANCE.count(CONVERSATION));
        assertThat(received).hasSize(1);
    }

    @Test
    void a_request_below_the_threshold_is_estimated_without_a_call() throws Exception {
        URI base = serve(200, "{\"totalTokens\": 5}");
        TokenCounter counter = new GeminiTokenCounter(provider("gemini", base), "gemini-2.5-flash", JSON, http, 10_000);

        TokenCount count = counter.count(CONVERSATION);

        assertThat(count.exact()).isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    void an_unreachable_endpoint_is_estimated_too() {
        TokenCounter counter = new AnthropicTokenCounter(provider("anthropic", URI.create("http://127.0.0.1:1")), "claude", JSON, http, 0);

        assertThat(counter.count(CONVERSATION).exact()).isFalse();
    }
}
