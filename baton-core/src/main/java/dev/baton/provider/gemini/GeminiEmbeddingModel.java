package dev.baton.provider.gemini;

import dev.baton.error.ErrorContext;
import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.EmbeddingPurpose;
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
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Embeddings over the Gemini API: {@code embedContent} for one text, {@code batchEmbedContents}
 * for several, with {@code taskType} {@code RETRIEVAL_DOCUMENT} or {@code RETRIEVAL_QUERY} by
 * purpose and an optional {@code output_dimensionality} option. The key travels in the
 * {@code x-goog-api-key} header, never in the URL. Gemini reports no token count for embeddings,
 * so usage is estimated (four characters a token) and flagged so.
 */
public final class GeminiEmbeddingModel implements EmbeddingModel, AutoCloseable {

    private final ProviderSettings settings;
    private final String model;
    private final String resource;
    private final ModelInfo info;
    private final ObjectMapper json;
    private final ProviderHttp http;
    private final String apiRoot;
    private final Map<String, String> headers;
    private final ErrorContext context;

    public GeminiEmbeddingModel(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        this.settings = settings;
        this.model = model;
        this.resource = model.contains("/") ? model : "models/" + model;
        this.info = info;
        this.json = json;
        this.http = new ProviderHttp(settings, json);
        this.apiRoot = GeminiChatModel.apiRoot(settings.baseUrl());
        this.headers = GeminiChatModel.authHeaders(settings);
        this.context = ErrorContext.ofModel(settings.name(), model);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        boolean single = request.inputs().size() == 1;
        ObjectNode body;
        if (single) {
            body = contentRequest(request.inputs().getFirst(), request.purpose());
        } else {
            body = json.createObjectNode();
            var requests = body.putArray("requests");
            for (String text : request.inputs()) requests.add(contentRequest(text, request.purpose()).put("model", resource));
        }
        URI uri = URI.create(apiRoot + "/" + resource + (single ? ":embedContent" : ":batchEmbedContents"));
        long start = System.nanoTime();
        TransportResponse<byte[]> response = http.send(
                http.post(uri, json.writeValueAsBytes(body), headers, request.deadline(), false), context);
        JsonNode root = EmbeddingJson.parse(json, response.body(), context);
        List<float[]> vectors = new ArrayList<>();
        if (single) {
            vectors.add(EmbeddingJson.vector(root.path("embedding").path("values"), context, "embedding.values"));
        } else {
            int i = 0;
            for (JsonNode e : root.path("embeddings")) {
                vectors.add(EmbeddingJson.vector(e.path("values"), context, "embeddings[" + i++ + "].values"));
            }
        }
        return new EmbeddingResponse(EmbeddingJson.checked(vectors, request, context),
                Usage.of(EmbeddingJson.estimatedTokens(request), 0).asEstimated(), settings.name(), model,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private ObjectNode contentRequest(String text, EmbeddingPurpose purpose) {
        ObjectNode r = json.createObjectNode();
        r.putObject("content").putArray("parts").addObject().put("text", text);
        r.put("taskType", purpose == EmbeddingPurpose.QUERY ? "RETRIEVAL_QUERY" : "RETRIEVAL_DOCUMENT");
        Object dims = settings.options().get("output_dimensionality");
        if (dims != null) r.put("outputDimensionality", Integer.parseInt(dims.toString()));
        return r;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String toString() {
        return "GeminiEmbeddingModel[" + settings.name() + "/" + model + "]";
    }

    @Override
    public void close() {
        http.close();
    }
}
