package dev.baton.provider.bedrock;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.EmbeddingPurpose;
import dev.baton.llm.EmbeddingRequest;
import dev.baton.llm.EmbeddingResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Usage;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.internal.EmbeddingJson;
import dev.baton.provider.bedrock.internal.BedrockClients;
import dev.baton.provider.bedrock.internal.BedrockErrorMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings on Amazon Bedrock through InvokeModel, with the same credentials, region and
 * endpoint as {@link BedrockChatModel}. Two body formats, chosen by the model id: Cohere
 * ({@code cohere.embed-*}: {@code texts} in batches of 96, {@code input_type}
 * {@code search_document}/{@code search_query}; no token count, so usage is estimated and flagged)
 * and Amazon Titan (every other id, e.g. {@code amazon.titan-embed-text-v2:0}: one
 * {@code inputText} per call, {@code inputTextTokenCount} summed; options {@code dimensions},
 * {@code normalize}).
 */
public final class BedrockEmbeddingModel implements EmbeddingModel, AutoCloseable {

    static final int COHERE_BATCH = 96;

    private final ProviderSettings settings;
    private final String model;
    private final ModelInfo info;
    private final ObjectMapper json;
    private final BedrockClients clients;
    private final BedrockErrorMapper errors;
    private final ErrorContext context;
    private final boolean cohere;

    public BedrockEmbeddingModel(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        this.settings = settings;
        this.model = model;
        this.info = info;
        this.json = json;
        this.clients = new BedrockClients(settings);
        this.errors = new BedrockErrorMapper(clients.scrubber());
        this.context = ErrorContext.ofModel(settings.name(), model);
        this.cohere = model.contains("cohere.embed");
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        long start = System.nanoTime();
        List<float[]> vectors = new ArrayList<>();
        Usage usage = Usage.ZERO;
        if (cohere) {
            List<String> inputs = request.inputs();
            for (int from = 0; from < inputs.size(); from += COHERE_BATCH) {
                ObjectNode body = json.createObjectNode();
                var texts = body.putArray("texts");
                inputs.subList(from, Math.min(inputs.size(), from + COHERE_BATCH)).forEach(texts::add);
                body.put("input_type", request.purpose() == EmbeddingPurpose.QUERY ? "search_query" : "search_document");
                int i = 0;
                for (JsonNode v : invoke(body, request.deadline()).path("embeddings")) {
                    vectors.add(EmbeddingJson.vector(v, context, "embeddings[" + i++ + "]"));
                }
            }
            usage = Usage.of(EmbeddingJson.estimatedTokens(request), 0).asEstimated();
        } else {
            long tokens = 0;
            for (String text : request.inputs()) {
                ObjectNode body = json.createObjectNode().put("inputText", text);
                Object dims = settings.options().get("dimensions");
                if (dims != null) body.put("dimensions", Integer.parseInt(dims.toString()));
                Object normalize = settings.options().get("normalize");
                if (normalize != null) body.put("normalize", Boolean.parseBoolean(normalize.toString()));
                JsonNode root = invoke(body, request.deadline());
                vectors.add(EmbeddingJson.vector(root.path("embedding"), context, "embedding"));
                tokens += root.path("inputTextTokenCount").asLong(0);
            }
            usage = tokens > 0 ? Usage.of(tokens, 0) : Usage.of(EmbeddingJson.estimatedTokens(request), 0).asEstimated();
        }
        return new EmbeddingResponse(EmbeddingJson.checked(vectors, request, context), usage, settings.name(), model,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private JsonNode invoke(ObjectNode body, Instant deadline) {
        InvokeModelRequest request = InvokeModelRequest.builder().modelId(model).contentType("application/json")
                .accept("application/json").body(SdkBytes.fromByteArray(json.writeValueAsBytes(body))).build();
        InvokeModelResponse response;
        try {
            response = clients.invokeModel(request, timeout(deadline));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw BatonException.builder(ErrorCode.TIMEOUT, context.provider() + ": call interrupted")
                        .context(context).retriable(false).build();
            }
            throw errors.map(e, context);
        }
        return EmbeddingJson.parse(json, response.body().asByteArray(), context);
    }

    private Duration timeout(Instant deadline) {
        Duration t = settings.requestTimeout();
        if (deadline != null) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.compareTo(t) < 0) t = left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
        }
        return t;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String toString() {
        return "BedrockEmbeddingModel[" + settings.name() + "/" + model + "]";
    }

    @Override
    public void close() {
        clients.close();
    }
}
