package dev.baton.provider.anthropic;

import dev.baton.config.Secret;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderHttp;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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
    public ProviderStatus probe(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        URI uri = AnthropicChatModel.endpoint(settings, "/v1/models?limit=1000");
        String host = uri.getHost();
        ProviderHttp http = new ProviderHttp(settings, json);
        try (http) {
            var response = http.send(http.get(uri, AnthropicChatModel.headers(settings), timeout),
                    ErrorContext.ofModel(settings.name(), null));
            List<String> models = new ArrayList<>();
            JsonNode root = json.readTree(response.body());
            for (JsonNode m : root.path("data")) models.add(m.path("id").asString(""));
            return new ProviderStatus(settings.name(), kind(), ProviderStatus.State.REACHABLE,
                    host + ": " + models.size() + (models.size() == 1 ? " model" : " models"), models);
        } catch (BatonException e) {
            ProviderStatus.State state = e.code() == ErrorCode.AUTHENTICATION || e.code() == ErrorCode.PERMISSION_DENIED
                    ? ProviderStatus.State.UNAUTHORIZED : ProviderStatus.State.UNREACHABLE;
            return new ProviderStatus(settings.name(), kind(), state, settings.scrub(e.getMessage()), List.of());
        } catch (RuntimeException e) {
            return new ProviderStatus(settings.name(), kind(), ProviderStatus.State.UNREACHABLE,
                    "unreadable answer from " + host, List.of());
        }
    }
}
