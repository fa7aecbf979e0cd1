package dev.baton.provider.ollama;

import dev.baton.secret.Secret;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ChatModelContractTest;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.WireDialect;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OllamaChatModelContractTest extends ChatModelContractTest {

    private final OllamaDialect dialect = new OllamaDialect();

    @Override
    protected ChatModel model(URI baseUrl, Secret apiKey, Duration timeout) {
        ProviderSettings settings = new ProviderSettings("ollama", "ollama", baseUrl, apiKey, Map.of(),
                Duration.ofSeconds(2), timeout, Map.of());
        return new OllamaChatModel(settings, "llama3.2",
                new ModelInfo("ollama", "llama3.2", 131_072, 4096, Set.of(), null), JSON);
    }

    @Override
    protected WireDialect dialect() {
        return dialect;
    }

    @Test
    void without_a_key_no_authorization_header_is_sent() {
        server.enqueue(dialect.text("hi", 1, 1));

        model(server.baseUri(), null, Duration.ofSeconds(5)).chat(ChatRequest.of("x"));

        assertThat(server.lastRequest().path()).isEqualTo("/api/chat");
        assertThat(server.lastRequest().header("Authorization")).isNull();
    }

    @Test
    void a_model_that_is_not_pulled_is_model_unavailable() {
        server.enqueue(dialect.error(404, "", "model \"llama9\" not found, try pulling it first"));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().chat(ChatRequest.of("x")));

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
        assertThat(e.getMessage()).contains("llama9");
    }
}
