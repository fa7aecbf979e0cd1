package dev.baton.provider.ollama;

import dev.baton.error.ErrorContext;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ToolCall;
import dev.baton.provider.internal.ProviderHttp;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.SseReader;
import dev.baton.provider.ollama.internal.OllamaRequestEncoder;
import dev.baton.provider.ollama.internal.OllamaResponseDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.net.URI;
import dev.baton.provider.internal.TransportRequest;
import dev.baton.provider.internal.TransportResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapter for Ollama's native chat API ({@code POST /api/chat}; streamed answers are NDJSON).
 * The base URL defaults to {@link #DEFAULT_BASE_URL}; see {@link OllamaProviderFactory#parseHost}
 * for {@code OLLAMA_HOST}. Ollama needs no credential; when one is configured (Ollama behind a
 * proxy, or Ollama's cloud) it is sent as {@code Authorization: Bearer}. Provider options
 * {@code keep_alive} and {@code think} become defaults of those request fields. Structured output
 * uses Ollama's {@code format} ({@code "json"} or the schema itself); {@code message.thinking} is
 * returned as reasoning. A 404 naming the model maps to {@code MODEL_UNAVAILABLE} (not pulled).
 */
public final class OllamaChatModel implements ChatModel, AutoCloseable {

    public static final URI DEFAULT_BASE_URL = URI.create("http://localhost:11434");

    private final ProviderSettings settings;
    private final String model;
    private final ModelInfo info;
    private final ObjectMapper json;
    private final ProviderHttp http;
    private final OllamaRequestEncoder encoder;
    private final OllamaResponseDecoder decoder;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final ErrorContext context;

    public OllamaChatModel(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        this.settings = settings;
        this.model = model;
        this.info = info;
        this.json = json;
        this.http = new ProviderHttp(settings, json);
        this.encoder = new OllamaRequestEncoder(json, defaults(settings));
        this.decoder = new OllamaResponseDecoder(json);
        this.endpoint = URI.create(root(settings.baseUrl()) + "/api/chat");
        this.headers = authHeaders(settings);
        this.context = ErrorContext.ofModel(settings.name(), model);
    }

    private static Map<String, Object> defaults(ProviderSettings settings) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (String key : List.of("keep_alive", "think")) {
            Object value = settings.options().get(key);
            if (value != null) d.put(key, value);
        }
        return d;
    }

    /** The base URL without a trailing slash (and without an {@code /api} suffix a user may have added). */
    static String root(URI baseUrl) {
        String base = (baseUrl == null ? DEFAULT_BASE_URL : baseUrl).toString();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base.endsWith("/api") ? base.substring(0, base.length() - 4) : base;
    }

    static Map<String, String> authHeaders(ProviderSettings settings) {
        return settings.apiKey() == null ? Map.of() : Map.of("Authorization", "Bearer " + settings.apiKey().reveal());
    }

    /** Encodes a request and builds its HTTP request, sending nothing. */
    @Override
    public void prepare() {
        ChatRequest sample = ChatRequest.builder().user("ready?").maxTokens(1).build();
        http.post(endpoint, encoder.encode(sample, model, false), headers, null, false);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        long start = System.nanoTime();
        TransportRequest httpRequest = http.post(endpoint, encoder.encode(request, m, false), headers, request.deadline(), false);
        TransportResponse<byte[]> response = http.send(httpRequest, ctx);
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(ctx, "the response body", e);
        }
        if (root == null || !root.isObject() || !root.path("message").isObject()) {
            throw SseReader.Streams.malformed(ctx, "the response body (no message)", null);
        }
        JsonNode message = root.path("message");
        List<ToolCall> calls = decoder.toolCalls(message, 0);
        String reasoning = message.path("thinking").asString("");
        return new ChatResponse(message.path("content").asString(""), calls,
                OllamaResponseDecoder.finishReason(root.path("done_reason").asString(null), !calls.isEmpty()),
                OllamaResponseDecoder.usage(root), settings.name(), root.path("model").asString(m), null, null,
                reasoning.isEmpty() ? null : reasoning, Duration.ofNanos(System.nanoTime() - start), null, List.of());
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        // Ollama ignores Accept; the NDJSON body is selected by "stream": true in the request
        TransportRequest httpRequest = http.post(endpoint, encoder.encode(request, m, true), headers, request.deadline(), false);
        TransportResponse<InputStream> response = http.open(httpRequest, ctx);
        return new OllamaChatStream(settings.name(), m, response.body(), json, decoder, ctx);
    }

    private String modelFor(ChatRequest request) {
        return request.model() != null ? request.model() : model;
    }

    private ErrorContext context(String m) {
        return m.equals(model) ? context : ErrorContext.ofModel(settings.name(), m);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public String toString() {
        return "OllamaChatModel[" + settings.name() + "/" + model + " at " + endpoint.getHost() + ":" + endpoint.getPort() + "]";
    }

    /** Shuts down this adapter's HTTP client (and its selector thread). */
    @Override
    public void close() {
        http.close();
    }
}
