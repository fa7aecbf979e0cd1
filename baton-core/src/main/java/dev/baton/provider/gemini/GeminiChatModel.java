package dev.baton.provider.gemini;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorContext;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.internal.ProviderHttp;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.SseReader;
import dev.baton.provider.gemini.internal.GeminiRequestEncoder;
import dev.baton.provider.gemini.internal.GeminiResponseDecoder;
import dev.baton.provider.gemini.internal.GeminiResponseDecoder.Decoded;
import dev.baton.provider.gemini.internal.ThoughtSignatures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.net.URI;
import dev.baton.provider.internal.TransportRequest;
import dev.baton.provider.internal.TransportResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Adapter for the Google Gemini API ({@code generateContent} and {@code streamGenerateContent}
 * over SSE). The API key travels in the {@code x-goog-api-key} header, never in the URL. The base
 * URL defaults to {@link #DEFAULT_BASE_URL}; one ending in a version segment ({@code /v1beta},
 * {@code /v1}, {@code /v1alpha}) is used as is, otherwise {@code /v1beta} is appended. A model id
 * may be given bare ({@code gemini-2.5-flash}), as {@code models/...} or as another resource
 * name such as {@code tunedModels/...}. Option {@code json_schema_field}: {@code responseSchema}
 * (default; the schema converted to Gemini's subset) or {@code responseJsonSchema} (the schema
 * sent unconverted; Gemini 2.5 and later). A prompt or answer blocked by a safety filter fails
 * with {@code INVALID_REQUEST}/{@code SAFETY_BLOCK}; an answer cut short by a filter after some
 * output ends with finish reason {@code CONTENT_FILTER}.
 */
public final class GeminiChatModel implements ChatModel, AutoCloseable {

    public static final URI DEFAULT_BASE_URL = URI.create("https://generativelanguage.googleapis.com");
    static final String API_KEY_HEADER = "x-goog-api-key";
    private static final int SIGNATURE_CACHE = 4096;
    private static final Pattern VERSION_SEGMENT = Pattern.compile("v\\d+(alpha|beta)?\\d*");

    private final ProviderSettings settings;
    private final String model;
    private final ModelInfo info;
    private final ObjectMapper json;
    private final ProviderHttp http;
    private final GeminiRequestEncoder encoder;
    private final GeminiResponseDecoder decoder;
    private final String apiRoot;
    private final URI chatUri;
    private final URI streamUri;
    private final Map<String, String> headers;
    private final ErrorContext context;

    public GeminiChatModel(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        this.settings = settings;
        this.model = model;
        this.info = info;
        this.json = json;
        this.http = new ProviderHttp(settings, json);
        ThoughtSignatures signatures = new ThoughtSignatures(SIGNATURE_CACHE);
        this.encoder = new GeminiRequestEncoder(json, signatures,
                "responseJsonSchema".equals(settings.option("json_schema_field", "responseSchema")));
        this.decoder = new GeminiResponseDecoder(json, signatures);
        this.apiRoot = apiRoot(settings.baseUrl());
        this.chatUri = uri(model, false);
        this.streamUri = uri(model, true);
        this.headers = authHeaders(settings);
        this.context = ErrorContext.ofModel(settings.name(), model);
    }

    /** The versioned API root for a base URL: {@code <base>/v1beta} unless the base names a version. */
    static String apiRoot(URI baseUrl) {
        String base = (baseUrl == null ? DEFAULT_BASE_URL : baseUrl).toString();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        String last = base.substring(base.lastIndexOf('/') + 1);
        return VERSION_SEGMENT.matcher(last).matches() ? base : base + "/v1beta";
    }

    static Map<String, String> authHeaders(ProviderSettings settings) {
        return settings.apiKey() == null ? Map.of() : Map.of(API_KEY_HEADER, settings.apiKey().reveal());
    }

    private URI uri(String m, boolean stream) {
        String resource = m.contains("/") ? m : "models/" + m;
        return URI.create(apiRoot + "/" + resource + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
    }

    /** Encodes a request and builds its HTTP request, sending nothing. */
    @Override
    public void prepare() {
        ChatRequest sample = ChatRequest.builder().user("ready?").maxTokens(1).build();
        http.post(chatUri, encoder.encode(sample), headers, null, false);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        long start = System.nanoTime();
        TransportRequest httpRequest = http.post(m.equals(model) ? chatUri : uri(m, false), encoder.encode(request),
                headers, request.deadline(), false);
        TransportResponse<byte[]> response = http.send(httpRequest, ctx);
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(ctx, "the response body", e);
        }
        if (root == null || !root.isObject()) throw SseReader.Streams.malformed(ctx, "the response body", null);
        BatonException blocked = GeminiResponseDecoder.promptBlocked(root, ctx);
        if (blocked != null) throw blocked;
        if (!root.path("candidates").isArray() || root.path("candidates").isEmpty()) {
            throw SseReader.Streams.malformed(ctx, "the response body (no candidates)", null);
        }
        Decoded d = decoder.decode(root, 0);
        boolean empty = d.text().isEmpty() && d.toolCalls().isEmpty();
        if (empty && GeminiResponseDecoder.FILTERED.contains(d.finishReason())) {
            throw GeminiResponseDecoder.answerBlocked(d.finishReason(), ctx);
        }
        return new ChatResponse(d.text(), d.toolCalls(),
                GeminiResponseDecoder.finishReason(d.finishReason(), !d.toolCalls().isEmpty()), d.usage(),
                settings.name(), d.modelVersion() == null ? m : d.modelVersion(), null, d.responseId(),
                d.reasoning().isEmpty() ? null : d.reasoning(), Duration.ofNanos(System.nanoTime() - start), null,
                List.of());
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        TransportRequest httpRequest = http.post(m.equals(model) ? streamUri : uri(m, true), encoder.encode(request),
                headers, request.deadline(), true);
        TransportResponse<InputStream> response = http.open(httpRequest, ctx);
        return new GeminiChatStream(settings, m, response.body(), json, decoder, ctx);
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
        return "GeminiChatModel[" + settings.name() + "/" + model + " at " + chatUri.getHost() + "]";
    }

    /** Shuts down this adapter's HTTP client (and its selector thread). */
    @Override
    public void close() {
        http.close();
    }
}
