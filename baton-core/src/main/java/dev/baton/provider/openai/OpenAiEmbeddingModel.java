package dev.baton.provider.openai;

import dev.baton.error.ErrorContext;
import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.EmbeddingRequest;
import dev.baton.llm.EmbeddingResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Usage;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.internal.EmbeddingJson;
import dev.baton.provider.internal.ProviderHttp;
import dev.baton.provider.internal.TransportResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Embeddings over the OpenAI {@code /embeddings} API and the servers that speak it (Azure OpenAI,
 * vLLM, LM Studio, Ollama's {@code /v1}...): the same base URL, key and headers as the chat adapter.
 * Vectors are put back in input order by their {@code index}.
 */
public final class OpenAiEmbeddingModel implements EmbeddingModel, AutoCloseable {

    private final ProviderSettings settings;
    private final String model;
    private final ModelInfo info;
    private final ObjectMapper json;
    private final ProviderHttp http;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final ErrorContext context;

    public OpenAiEmbeddingModel(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        this.settings = settings;
        this.model = model;
        this.info = info;
        this.json = json;
        this.http = new ProviderHttp(settings, json);
        URI base = settings.baseUrl() == null ? OpenAiChatModel.DEFAULT_BASE_URL : settings.baseUrl();
        boolean azure = base.getHost() != null && base.getHost().endsWith(".openai.azure.com")
                || settings.options().containsKey("api_version");
        this.endpoint = URI.create(OpenAiChatModel.stripSlash(base.toString()) + "/embeddings"
                + (azure ? "?api-version=" + settings.option("api_version", "2024-10-21") : ""));
        this.headers = OpenAiChatModel.authHeaders(settings, azure);
        this.context = ErrorContext.ofModel(settings.name(), model);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode input = body.putArray("input");
        request.inputs().forEach(input::add);
        body.put("encoding_format", "float");
        long start = System.nanoTime();
        TransportResponse<byte[]> response = http.send(
                http.post(endpoint, json.writeValueAsBytes(body), headers, request.deadline(), false), context);
        JsonNode root = EmbeddingJson.parse(json, response.body(), context);
        JsonNode data = root.path("data");
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < request.inputs().size(); i++) vectors.add(null);
        int at = 0;
        for (JsonNode item : data) {
            int index = item.path("index").asInt(at);
            if (index >= 0 && index < vectors.size()) {
                vectors.set(index, EmbeddingJson.vector(item.path("embedding"), context, "data[" + at + "].embedding"));
            }
            at++;
        }
        if (at != vectors.size() || vectors.contains(null)) {
            EmbeddingJson.checked(vectors.stream().filter(v -> v != null).toList(), request, context);
        }
        JsonNode usage = root.path("usage");
        Usage u = usage.has("prompt_tokens") ? Usage.of(usage.path("prompt_tokens").asLong(), 0)
                : Usage.of(EmbeddingJson.estimatedTokens(request), 0).asEstimated();
        return new EmbeddingResponse(EmbeddingJson.checked(vectors, request, context), u, settings.name(),
                root.path("model").asString(model), Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String toString() {
        return "OpenAiEmbeddingModel[" + settings.name() + "/" + model + " at " + endpoint.getHost() + "]";
    }

    @Override
    public void close() {
        http.close();
    }
}
