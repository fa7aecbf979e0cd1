package dev.baton.provider.openai;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Makes {@link OpenAiChatModel}s (kind {@code openai}). Reads {@code OPENAI_API_KEY},
 * {@code OPENAI_BASE_URL}, {@code OPENAI_ORG_ID} and {@code OPENAI_PROJECT_ID} as the official SDK
 * does; probes with {@code GET /models}.
 */
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
    public List<String> keyVariables() {
        return List.of("OPENAI_API_KEY");
    }

    @Override
    public String baseUrlVariable() {
        return "OPENAI_BASE_URL";
    }

    @Override
    public Map<String, String> optionVariables() {
        return Map.of("organization", "OPENAI_ORG_ID", "project", "OPENAI_PROJECT_ID");
    }

    @Override
    public String defaultModel() {
        return "gpt-4o-mini";
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        return new OpenAiChatModel(settings, model, info, json);
    }

    @Override
    public dev.baton.llm.EmbeddingModel createEmbedding(ProviderSettings settings, String model, ModelInfo info,
                                                       ObjectMapper json) {
        return new OpenAiEmbeddingModel(settings, model, info, json);
    }

    @Override
    public ModelListing modelListing(ProviderSettings settings) {
        URI base = settings.baseUrl() == null ? defaultBaseUrl() : settings.baseUrl();
        Map<String, String> headers = settings.apiKey() == null ? Map.of()
                : Map.of("Authorization", "Bearer " + settings.apiKey().reveal());
        return new ModelListing(URI.create(base.toString().replaceAll("/$", "") + "/models"), headers);
    }
}
