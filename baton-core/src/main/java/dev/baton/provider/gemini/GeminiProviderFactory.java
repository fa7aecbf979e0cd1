package dev.baton.provider.gemini;

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

/**
 * Makes {@link GeminiChatModel}s (kind {@code gemini}); probes with {@code GET /v1beta/models},
 * the key in the {@code x-goog-api-key} header.
 */
public final class GeminiProviderFactory implements ProviderFactory {

    @Override
    public String kind() {
        return "gemini";
    }

    @Override
    public URI defaultBaseUrl() {
        return GeminiChatModel.DEFAULT_BASE_URL;
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        return new GeminiChatModel(settings, model, info, json);
    }

    @Override
    public ProviderStatus probe(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        URI base = settings.baseUrl() == null ? defaultBaseUrl() : settings.baseUrl();
        ProviderHttp http = new ProviderHttp(settings, json);
        URI uri = URI.create(GeminiChatModel.apiRoot(base) + "/models?pageSize=1000");
        try (http) {
            var response = http.send(http.get(uri, GeminiChatModel.authHeaders(settings), timeout),
                    ErrorContext.ofModel(settings.name(), null));
            List<String> models = new ArrayList<>();
            for (JsonNode m : json.readTree(response.body()).path("models")) {
                String id = m.path("name").asString("");
                models.add(id.startsWith("models/") ? id.substring("models/".length()) : id);
            }
            return new ProviderStatus(settings.name(), kind(), ProviderStatus.State.REACHABLE,
                    base.getHost() + ": " + models.size() + (models.size() == 1 ? " model" : " models"), models);
        } catch (BatonException e) {
            ProviderStatus.State state = e.code() == ErrorCode.AUTHENTICATION || e.code() == ErrorCode.PERMISSION_DENIED
                    ? ProviderStatus.State.UNAUTHORIZED : ProviderStatus.State.UNREACHABLE;
            return new ProviderStatus(settings.name(), kind(), state, e.getMessage(), List.of());
        } catch (RuntimeException e) {
            return new ProviderStatus(settings.name(), kind(), ProviderStatus.State.UNREACHABLE,
                    "unreadable answer from " + base.getHost(), List.of());
        }
    }
}
