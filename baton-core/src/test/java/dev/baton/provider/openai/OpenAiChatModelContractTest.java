package dev.baton.provider.openai;

import dev.baton.secret.Secret;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ChatModelContractTest;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.WireDialect;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiChatModelContractTest extends ChatModelContractTest {

    private final OpenAiDialect dialect = new OpenAiDialect();

    @Override
    protected ChatModel model(URI baseUrl, Secret apiKey, Duration timeout) {
        return model(baseUrl, apiKey, timeout, Map.of());
    }

    private ChatModel model(URI baseUrl, Secret apiKey, Duration timeout, Map<String, Object> options) {
        ProviderSettings settings = new ProviderSettings("openai", "openai", URI.create(baseUrl + "/v1"), apiKey,
                Map.of(), Duration.ofSeconds(2), timeout, options);
        return new OpenAiChatModel(settings, "gpt-4o-mini",
                new ModelInfo("openai", "gpt-4o-mini", 128_000, 16_384, Set.of(), null), JSON);
    }

    @Override
    protected WireDialect dialect() {
        return dialect;
    }

    @Test
    void posts_to_chat_completions_with_stream_options_and_org_headers() {
        server.enqueue(dialect.streamedText(java.util.List.of("a"), 1, 1));
        ChatModel model = model(server.baseUri(), Secret.of(API_KEY), Duration.ofSeconds(5),
                Map.of("organization", "org-1", "project", "proj-1"));

        model.stream(ChatRequest.builder().user("x").maxTokens(50).seed(7L).build()).drain();

        var request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("OpenAI-Organization")).isEqualTo("org-1");
        assertThat(request.header("OpenAI-Project")).isEqualTo("proj-1");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.path("seed").asLong()).isEqualTo(7);
    }

    @Test
    void azure_uses_api_key_header_and_api_version() {
        server.enqueue(dialect.text("ok", 1, 1));
        ChatModel model = model(server.baseUri(), Secret.of(API_KEY), Duration.ofSeconds(5),
                Map.of("api_version", "2024-10-21"));

        model.chat(ChatRequest.of("x"));

        assertThat(server.lastRequest().query()).isEqualTo("api-version=2024-10-21");
        assertThat(server.lastRequest().header("api-key")).isEqualTo(API_KEY);
        assertThat(server.lastRequest().header("Authorization")).isNull();
    }

    @Test
    void tool_results_and_errors_are_sent_as_tool_messages() {
        server.enqueue(dialect.text("done", 1, 1));
        var call = new dev.baton.llm.ToolCall("call_9", "lookup", "{\"q\":1}");

        model().chat(ChatRequest.builder().user("go")
                .message(dev.baton.llm.Message.assistant("", java.util.List.of(call)))
                .message(dev.baton.llm.Message.toolResult("call_9", "lookup", "no such row", true)).build());

        JsonNode messages = JSON.readTree(server.lastRequest().body()).path("messages");
        assertThat(messages.path(1).path("tool_calls").path(0).path("id").asString()).isEqualTo("call_9");
        assertThat(messages.path(2).path("role").asString()).isEqualTo("tool");
        assertThat(messages.path(2).path("tool_call_id").asString()).isEqualTo("call_9");
        assertThat(messages.path(2).path("content").asString()).contains("no such row");
    }
}
