package dev.baton.provider.openai;

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

/** Makes {@link OpenAiChatModel}s; probes with {@code GET /models}. */
public final class OpenAiProviderFactory implements ProviderFactory {

    @Override
    public String kind() {
        return "openai";
    }

    @Override
    public URI defaultBaseUrl() {
        return OpenAiChatModel.DEFAULT_BASE_URL;
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        return new OpenAiChatModel(settings, model, info, json);
    }

    @Override
    public ProviderStatus probe(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        URI base = settings.baseUrl() == null ? defaultBaseUrl() : settings.baseUrl();
        ProviderHttp http = new ProviderHttp(settings, json);
        Map<String, String> headers = settings.apiKey() == null ? Map.of()
                : Map.of("Authorization", "Bearer " + settings.apiKey().reveal());
        String url = base.toString().replaceAll("/$", "") + "/models";
        try (http) {
            var response = http.send(http.get(URI.create(url), headers, timeout),
                    ErrorContext.ofModel(settings.name(), null));
            List<String> models = new ArrayList<>();
            JsonNode root = json.readTree(response.body());
            for (JsonNode m : root.path("data")) models.add(m.path("id").asString(""));
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
