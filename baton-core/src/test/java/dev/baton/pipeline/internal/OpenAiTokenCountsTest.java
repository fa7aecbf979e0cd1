package dev.baton.pipeline.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ToolSpec;
import dev.baton.testkit.DenseBudgetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import dev.baton.pipeline.TokenEstimator;

class OpenAiTokenCountsTest {

    /** jtokkit itself, the reference the bound is checked against. */
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    static final String ENGLISH = ("The budget layer reserves the worst case of every call before it starts, and settles "
            + "the real cost when the answer arrives, so that concurrent calls can never overspend a limit. ").repeat(20);

    private static OpenAiTokenCounts gpt4oMini() {
        return OpenAiTokenCounts.forDeployment("openai", null, "gpt-4o-mini").orElseThrow();
    }

    @ParameterizedTest(name = "{0} at {1} serving {2}: {3}")
    @CsvSource(nullValues = "-", value = {
            "openai, -, gpt-4o-mini, o200k_base",
            "openai, https://api.openai.com/v1, gpt-4.1-nano, o200k_base",
            "openai, https://API.OPENAI.COM/v1/, gpt-5-mini, o200k_base",
            "openai, -, o3-mini, o200k_base",
            "openai, -, o1, o200k_base",
            "openai, -, chatgpt-4o-latest, o200k_base",
            "openai, -, ft:gpt-4o-mini-2024-07-18:acme::abc123, o200k_base",
            "openai, -, gpt-4-turbo, cl100k_base",
            "openai, -, gpt-4, cl100k_base",
            "openai, -, gpt-3.5-turbo-0125, cl100k_base",
            "openai, https://api.groq.com/openai/v1, gpt-4o-mini, -",
            "openai, http://127.0.0.1:8000/v1, gpt-4o, -",
            "openai, https://acme.openai.azure.com/openai/deployments/gpt-4o, gpt-4o, -",
            "openai, -, llama-3.3-70b-versatile, -",
            "openai, -, o1x, -",
            "openai, -, gpt-4x-future, -",
            "anthropic, -, claude-sonnet-4-5, -",
            "ollama, -, gpt-4o, -",
    })
    void only_openai_s_own_api_with_a_known_model_gets_an_exact_tokenizer(String kind, String baseUrl, String model,
                                                                         String encoding) {
        var counts = OpenAiTokenCounts.forDeployment(kind, baseUrl == null ? null : URI.create(baseUrl), model);

        if (encoding == null) assertThat(counts).isEmpty();
        else assertThat(counts).hasValueSatisfying(c -> assertThat(c.encodingName()).isEqualTo(encoding));
    }

    static Stream<String> texts() {
        return Stream.concat(Stream.of(ENGLISH, "<|endoftext|> and <|im_start|> are plain text here"),
                DenseBudgetFixture.PROMPTS.stream());
    }

    @ParameterizedTest
    @MethodSource("texts")
    void the_exact_bound_covers_the_real_o200k_count_and_never_exceeds_the_utf8_bound(String text) {
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(Message.system(DenseBudgetFixture.SYSTEM_PROMPT), Message.user(text))).build();

        long exact = gpt4oMini().estimateInputTokens(request);
        long real = O200K.encodeOrdinary(DenseBudgetFixture.SYSTEM_PROMPT).size() + O200K.encodeOrdinary(text).size();

        assertThat(exact).isGreaterThanOrEqualTo(real + 2L * TokenEstimator.MESSAGE_OVERHEAD)
                .isLessThanOrEqualTo(TokenEstimator.UTF8_UPPER_BOUND.estimateInputTokens(request));
    }

    @Test
    void ordinary_english_is_bounded_several_times_tighter_than_by_its_bytes() {
        ChatRequest request = ChatRequest.of(ENGLISH);

        long exact = gpt4oMini().estimateInputTokens(request);
        long utf8 = TokenEstimator.UTF8_UPPER_BOUND.estimateInputTokens(request);

        assertThat(exact).isGreaterThanOrEqualTo(O200K.countTokensOrdinary(ENGLISH));
        assertThat(exact * 3).isLessThan(utf8);
    }

    @Test
    void an_error_tool_result_is_counted_as_sent_with_its_prefix() {
        String result = "x".repeat(3);
        ChatRequest request = ChatRequest.builder().messages(List.of(Message.user("go"),
                Message.toolResult("call_1", "search", result, true))).build();

        long exact = gpt4oMini().estimateInputTokens(request);

        assertThat(exact).isGreaterThanOrEqualTo(O200K.countTokensOrdinary("go")
                + O200K.countTokensOrdinary("ERROR: " + result) + 2L * TokenEstimator.MESSAGE_OVERHEAD
                + "call_1".length() + "search".length());
    }

    @Test
    void tool_definitions_keep_their_utf8_bound() {
        ToolSpec tool = new ToolSpec("lookup", "Looks a word up in the dictionary",
                "{\"type\":\"object\",\"properties\":{\"word\":{\"type\":\"string\"}}}");
        ChatRequest plain = ChatRequest.of(ENGLISH);
        ChatRequest withTool = plain.toBuilder().tools(List.of(tool)).build();
        OpenAiTokenCounts counts = gpt4oMini();

        long exactCost = counts.estimateInputTokens(withTool) - counts.estimateInputTokens(plain);
        long utf8Cost = TokenEstimator.UTF8_UPPER_BOUND.estimateInputTokens(withTool)
                - TokenEstimator.UTF8_UPPER_BOUND.estimateInputTokens(plain);

        assertThat(exactCost).isEqualTo(utf8Cost);
    }
}
