package dev.baton.provider.gemini;

import dev.baton.secret.Secret;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ChatModelContractTest;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.WireDialect;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiChatModelContractTest extends ChatModelContractTest {

    private final GeminiDialect dialect = new GeminiDialect();

    @Override
    protected ChatModel model(URI baseUrl, Secret apiKey, Duration timeout) {
        ProviderSettings settings = new ProviderSettings("gemini", "gemini", baseUrl, apiKey, Map.of(),
                Duration.ofSeconds(2), timeout, Map.of());
        return new GeminiChatModel(settings, "gemini-2.5-flash",
                new ModelInfo("gemini", "gemini-2.5-flash", 1_048_576, 65_536, Set.of(), null), JSON);
    }

    @Override
    protected WireDialect dialect() {
        return dialect;
    }

    @Test
    void the_key_travels_in_a_header_and_never_in_the_url() {
        server.enqueue(dialect.text("a", 1, 1));
        server.enqueue(dialect.streamedText(List.of("b"), 1, 1));

        model().chat(ChatRequest.of("x"));
        var chat = server.lastRequest();
        model().stream(ChatRequest.of("y")).drain();
        var stream = server.lastRequest();

        assertThat(chat.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(chat.query()).isNull();
        assertThat(stream.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(stream.query()).isEqualTo("alt=sse");
        assertThat(stream.header("x-goog-api-key")).isEqualTo(API_KEY);
        assertThat(chat.header("Authorization")).isNull();
    }
}
