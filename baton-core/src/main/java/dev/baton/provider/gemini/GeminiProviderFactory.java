package dev.baton.provider.gemini;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes {@link GeminiChatModel}s (kind {@code gemini}). Reads {@code GEMINI_API_KEY} (else
 * {@code GOOGLE_API_KEY}) and {@code GEMINI_BASE_URL}; probes with {@code GET /v1beta/models}, the
 * key in the {@code x-goog-api-key} header.
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
    public List<String> keyVariables() {
        return List.of("GEMINI_API_KEY", "GOOGLE_API_KEY");
    }

    @Override
    public String baseUrlVariable() {
        return "GEMINI_BASE_URL";
    }

    @Override
    public String defaultModel() {
        return "gemini-2.5-flash";
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        return new GeminiChatModel(settings, model, info, json);
    }

    @Override
    public dev.baton.llm.EmbeddingModel createEmbedding(ProviderSettings settings, String model, ModelInfo info,
                                                       ObjectMapper json) {
        return new GeminiEmbeddingModel(settings, model, info, json);
    }

    @Override
    public ModelListing modelListing(ProviderSettings settings) {
        URI base = settings.baseUrl() == null ? defaultBaseUrl() : settings.baseUrl();
        return new ModelListing(URI.create(GeminiChatModel.apiRoot(base) + "/models?pageSize=1000"),
                GeminiChatModel.authHeaders(settings));
    }

    /** Gemini lists {@code models[].name} as {@code models/<id>}. */
    @Override
    public List<String> modelIds(JsonNode answer) {
        List<String> models = new ArrayList<>();
        for (JsonNode m : answer.path("models")) {
            String id = m.path("name").asString("");
            models.add(id.startsWith("models/") ? id.substring("models/".length()) : id);
        }
        return models;
    }
}
