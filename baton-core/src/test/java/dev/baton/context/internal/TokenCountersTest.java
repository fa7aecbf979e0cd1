package dev.baton.context.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.baton.context.TokenCount;
import dev.baton.llm.Message;
import dev.baton.pipeline.internal.OpenAiTokenCounts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCountersTest {

    @Test
    void openai_models_are_counted_exactly_with_their_encoding_plus_documented_framing() {
        String text = "Tokenizers split text into pieces; this sentence is the test.";
        var o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        var cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

        TokenCount gpt4o = new JtokkitTokenCounter(OpenAiTokenCounts.forDeployment("openai", null, "gpt-4o").orElseThrow())
                .count(List.of(Message.user(text)));
        TokenCount gpt4 = new JtokkitTokenCounter(OpenAiTokenCounts.forDeployment("openai", null, "gpt-4").orElseThrow())
                .count(List.of(Message.user(text)));

        assertThat(gpt4o).isEqualTo(new TokenCount(o200k.countTokensOrdinary(text) + 6, true, "o200k_base"));
        assertThat(gpt4).isEqualTo(new TokenCount(cl100k.countTokensOrdinary(text) + 6, true, "cl100k_base"));
    }

    @Test
    void the_estimate_is_four_bytes_a_token_plus_framing_and_says_so() {
        TokenCount count = EstimatedTokenCounter.INSTANCE.count(List.of(Message.user("12345678"), Message.assistant("abc")));

        assertThat(count).isEqualTo(new TokenCount(3 + (4 + 2) + (4 + 1), false, TokenCount.ESTIMATE));
        assertThat(count.label()).isEqualTo("14 tokens (estimated)");
    }
}
