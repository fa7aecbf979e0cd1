package dev.baton.provider.openai;

import dev.baton.config.Secret;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.Message;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import dev.baton.provider.ProviderSettings;
import dev.baton.testing.PrismMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The OpenAI adapter against a prism mock generated from OpenAI's published OpenAPI spec:
 * prism runs with {@code --errors}, so every request the adapter sends must validate.
 */
class OpenAiPrismInteropTest {

    private static PrismMock prism;

    @BeforeAll
    static void start() throws Exception {
        prism = PrismMock.start("openai-openapi.yaml");
    }

    @AfterAll
    static void stop() {
        if (prism != null) prism.close();
    }

    private static OpenAiChatModel model(Secret key) {
        ProviderSettings s = new ProviderSettings("openai", "openai", prism.baseUri(), key, Map.of(),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Map.of("organization", "org-test"));
        return new OpenAiChatModel(s, "gpt-4o-mini", new ModelInfo("openai", "gpt-4o-mini", 128_000, 16_384, Set.of(), null),
                JsonMapper.builder().build());
    }

    @Test
    void a_full_featured_request_validates_and_the_answer_parses() throws Exception {
        ChatRequest request = ChatRequest.builder()
                .system("You are terse.")
                .user("What is the weather in Paris?")
                .message(Message.assistant("", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))))
                .message(Message.toolResult("call_1", "get_weather", "{\"temp\":21}", false))
                .temperature(0.2).topP(0.9).maxTokens(100).seed(42L).stop(List.of("END"))
                .tools(List.of(new ToolSpec("get_weather", "Weather for a city",
                        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")))
                .toolChoice("auto")
                .build();

        ChatResponse response = model(Secret.of("sk-prism-test-key-123456")).chat(request);

        assertThat(response.model()).isNotBlank();
        assertThat(response.usage()).isNotNull();
        assertThat(prism.log()).doesNotContain("sk-prism-test-key-123456");
    }

    @Test
    void a_json_schema_request_validates() {
        ChatRequest request = ChatRequest.builder().user("give me a number")
                .responseFormat(ResponseFormat.jsonSchema("number",
                        "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}"))
                .build();

        ChatResponse response = model(Secret.of("sk-prism-test-key-123456")).chat(request);

        assertThat(response.finishReason()).isNotNull();
    }

    @Test
    void prism_really_rejects_a_request_that_breaks_the_spec() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var bad = java.net.http.HttpRequest.newBuilder(java.net.URI.create(prism.baseUri() + "/chat/completions"))
                .header("Authorization", "Bearer sk-x").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":\"hot\"}"))
                .build();

        var response = client.send(bad, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("prism validates request bodies").isEqualTo(422);
    }

    @Test
    void a_request_without_credentials_is_refused_as_authentication() {
        BatonException e = catchThrowableOfType(BatonException.class, () -> model(null).chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
    }
}
