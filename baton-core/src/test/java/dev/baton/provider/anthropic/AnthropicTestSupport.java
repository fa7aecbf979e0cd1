package dev.baton.provider.anthropic;

import dev.baton.secret.Secret;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;
import dev.baton.testing.LoopbackServer;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Builds adapters pointed at a loopback server for the Anthropic translation tests. */
final class AnthropicTestSupport {

    static final String KEY = "sk-ant-api03-SECRET-abcdef0123456789";

    private AnthropicTestSupport() {
    }

    static ProviderSettings settings(URI baseUrl, Map<String, Object> options) {
        return new ProviderSettings("anthropic", "anthropic", baseUrl, Secret.of(KEY), Map.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(5), options);
    }

    static AnthropicChatModel model(LoopbackServer server, Map<String, Object> options, int maxOutputTokens) {
        return new AnthropicChatModel(settings(server.baseUri(), options), "claude-sonnet-4-5",
                new ModelInfo("anthropic", "claude-sonnet-4-5", 200_000, maxOutputTokens, Set.of(), null),
                AnthropicDialect.JSON);
    }

    static AnthropicChatModel model(LoopbackServer server) {
        return model(server, Map.of(), 64_000);
    }

    static JsonNode lastBody(LoopbackServer server) {
        return AnthropicDialect.JSON.readTree(server.lastRequest().body());
    }
}
