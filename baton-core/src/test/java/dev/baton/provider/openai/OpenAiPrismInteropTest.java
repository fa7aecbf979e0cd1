package dev.baton.provider.openai;

import dev.baton.secret.Secret;
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

    /**
     * Started by the first test that needs it rather than in {@code @BeforeAll}: when the spec or
     * node is missing, each test is then reported skipped with the reason, instead of the class
     * vanishing from the counts.
     */
    private static PrismMock prism() throws Exception {
        if (prism == null) prism = PrismMock.start("openai-openapi.yaml");
        return prism;
    }

    @AfterAll
    static void stop() {
        if (prism != null) prism.close();
    }

    private static OpenAiChatModel model(Secret key) throws Exception {
        ProviderSettings s = new ProviderSettings("openai", "openai", prism().baseUri(), key, Map.of(),
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
        assertThat(prism().log()).doesNotContain("sk-prism-test-key-123456");
    }

    @Test
    void a_json_schema_request_validates() throws Exception {
        ChatRequest request = ChatRequest.builder().user("give me a number")
                .responseFormat(ResponseFormat.jsonSchema("number",
                        "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}"))
                .build();

        ChatResponse response = model(Secret.of("sk-prism-test-key-123456")).chat(request);

        assertThat(response.finishReason()).isNotNull();
    }

    @Test
    void requests_the_adapter_sends_validate_against_the_published_schema() {
        var schemas = dev.baton.testing.OpenApiSchemas.load("openai-openapi.yaml");
        var mapper = JsonMapper.builder().build();
        try (var server = new dev.baton.testing.LoopbackServer()) {
            server.setDefaultReply(new OpenAiDialect().text("ok", 1, 1));
            ProviderSettings s = new ProviderSettings("openai", "openai", server.baseUri(), Secret.of("sk-x-123456789"),
                    Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of());
            var model = new OpenAiChatModel(s, "gpt-4o-mini", new ModelInfo("openai", "gpt-4o-mini", 1, 1, Set.of(), null), mapper);
            model.chat(fullRequest());
            model.chat(ChatRequest.builder().user("n?").responseFormat(ResponseFormat.jsonSchema("n",
                    "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}")).build());
            model.chat(ChatRequest.builder().user("json?").responseFormat(ResponseFormat.JSON).build());
            server.enqueue(new OpenAiDialect().streamedText(List.of("a", "b"), 1, 1));
            model.stream(ChatRequest.of("stream me")).drain();
            server.enqueue(new OpenAiDialect().text("whole", 1, 1));
            assertThat(model.stream(ChatRequest.of("a server that ignores stream: true")).drain().text())
                    .isEqualTo("whole");

            for (var recorded : server.requests()) {
                var errors = schemas.validate("CreateChatCompletionRequest", mapper.readTree(recorded.body()));
                assertThat(errors).as("request %s", recorded.body()).isEmpty();
            }
            var broken = mapper.readTree("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"bogus\"}]}");
            assertThat(schemas.validate("CreateChatCompletionRequest", broken)).as("the validator is not vacuous").isNotEmpty();
        }
    }

    private static ChatRequest fullRequest() {
        return ChatRequest.builder()
                .system("You are terse.")
                .user("What is the weather in Paris?")
                .message(Message.assistant("", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))))
                .message(Message.toolResult("call_1", "get_weather", "{\"temp\":21}", false))
                .temperature(0.2).topP(0.9).maxTokens(100).seed(42L).stop(List.of("END"))
                .tools(List.of(new ToolSpec("get_weather", "Weather for a city",
                        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")))
                .toolChoice("auto")
                .build();
    }

    @Test
    void a_request_without_credentials_is_refused_as_authentication() throws Exception {
        BatonException e = catchThrowableOfType(BatonException.class, () -> model(null).chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
    }
}
