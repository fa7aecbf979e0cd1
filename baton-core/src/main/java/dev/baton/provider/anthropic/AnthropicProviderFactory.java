package dev.baton.provider.anthropic;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.secret.Secret;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Makes {@link AnthropicChatModel}s (kind {@code anthropic}); probes with {@code GET /v1/models},
 * which needs a valid key, so a bad key shows as UNAUTHORIZED rather than reachable.
 */
public final class AnthropicProviderFactory implements ProviderFactory {

    @Override
    public String kind() {
        return "anthropic";
    }

    @Override
    public URI defaultBaseUrl() {
        return AnthropicChatModel.DEFAULT_BASE_URL;
    }

    @Override
    public List<String> keyVariables() {
        return List.of("ANTHROPIC_API_KEY");
    }

    @Override
    public String baseUrlVariable() {
        return "ANTHROPIC_BASE_URL";
    }

    @Override
    public String defaultModel() {
        return "claude-haiku-4-5";
    }

    /**
     * Settings for provider {@code name} from the environment, as the official SDKs read it:
     * {@code ANTHROPIC_API_KEY} (sent as {@code x-api-key}), else {@code ANTHROPIC_AUTH_TOKEN}
     * (sent as {@code Authorization: Bearer}, option {@code auth: bearer}), and
     * {@code ANTHROPIC_BASE_URL} (the API root; default {@code https://api.anthropic.com}).
     */
    public static ProviderSettings fromEnvironment(String name, Map<String, String> env) {
        Secret key = Secret.ofNullable(env.get("ANTHROPIC_API_KEY"));
        Map<String, Object> options = Map.of();
        if (key == null) {
            key = Secret.ofNullable(env.get("ANTHROPIC_AUTH_TOKEN"));
            if (key != null) options = Map.of("auth", "bearer");
        }
        String base = env.get("ANTHROPIC_BASE_URL");
        URI baseUrl = base == null || base.isBlank() ? AnthropicChatModel.DEFAULT_BASE_URL : URI.create(base.strip());
        return new ProviderSettings(name, "anthropic", baseUrl, key, Map.of(), null, null, options);
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        return new AnthropicChatModel(settings, model, info, json);
    }

    @Override
    public ModelListing modelListing(ProviderSettings settings) {
        return new ModelListing(AnthropicChatModel.endpoint(settings, "/v1/models?limit=1000"),
                AnthropicChatModel.headers(settings));
    }
}
