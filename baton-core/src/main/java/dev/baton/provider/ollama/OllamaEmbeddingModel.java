package dev.baton.provider.ollama;

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
 * Embeddings over Ollama's native {@code /api/embed} (many inputs per call); the token count is
 * Ollama's {@code prompt_eval_count}. Same base URL and optional bearer key as the chat adapter.
 */
public final class OllamaEmbeddingModel implements EmbeddingModel, AutoCloseable {

    private final ProviderSettings settings;
    private final String model;
    private final ModelInfo info;
    private final ObjectMapper json;
    private final ProviderHttp http;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final ErrorContext context;

    public OllamaEmbeddingModel(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        this.settings = settings;
        this.model = model;
        this.info = info;
        this.json = json;
        this.http = new ProviderHttp(settings, json);
        this.endpoint = URI.create(OllamaChatModel.root(settings.baseUrl()) + "/api/embed");
        this.headers = OllamaChatModel.authHeaders(settings);
        this.context = ErrorContext.ofModel(settings.name(), model);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode input = body.putArray("input");
        request.inputs().forEach(input::add);
        Object keepAlive = settings.options().get("keep_alive");
        if (keepAlive != null) body.put("keep_alive", keepAlive.toString());
        long start = System.nanoTime();
        TransportResponse<byte[]> response = http.send(
                http.post(endpoint, json.writeValueAsBytes(body), headers, request.deadline(), false), context);
        JsonNode root = EmbeddingJson.parse(json, response.body(), context);
        List<float[]> vectors = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.path("embeddings")) {
            vectors.add(EmbeddingJson.vector(e, context, "embeddings[" + i++ + "]"));
        }
        Usage u = root.has("prompt_eval_count") ? Usage.of(root.path("prompt_eval_count").asLong(), 0)
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
        return "OllamaEmbeddingModel[" + settings.name() + "/" + model + " at " + endpoint.getHost() + ":" + endpoint.getPort() + "]";
    }

    @Override
    public void close() {
        http.close();
    }
}
