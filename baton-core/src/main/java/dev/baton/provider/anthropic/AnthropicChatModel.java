package dev.baton.provider.anthropic;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.CompletedChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.internal.ProviderHttp;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.SseReader;
import dev.baton.provider.anthropic.internal.AnthropicErrors;
import dev.baton.provider.anthropic.internal.AnthropicRequestEncoder;
import dev.baton.provider.anthropic.internal.AnthropicResponseDecoder;
import dev.baton.provider.anthropic.internal.AnthropicStreamDecoder;
import dev.baton.provider.anthropic.internal.StructuredOutput;
import dev.baton.provider.anthropic.internal.ThinkingMemory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import dev.baton.provider.internal.TransportRequest;
import dev.baton.provider.internal.TransportResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adapter for the Anthropic Messages API ({@code POST /v1/messages}). The base URL is the API's
 * root, as {@code ANTHROPIC_BASE_URL} is for the official SDKs ({@code https://api.anthropic.com}
 * by default); {@code /v1/messages} is appended to it.
 * <p>
 * Options (provider settings): {@code anthropic_version} (default {@value #DEFAULT_VERSION}),
 * {@code anthropic_beta} (a string or a list, sent as {@code anthropic-beta}), {@code auth}
 * ({@code x-api-key}, the default, or {@code bearer} for {@code Authorization: Bearer}, as
 * {@code ANTHROPIC_AUTH_TOKEN} is sent by the SDKs) and
 * {@code prompt_caching} ({@code true} marks the system prompt and tools as cache breakpoints).
 * Request options are copied into the request body as they are ({@code thinking}, {@code top_k},
 * {@code metadata}, {@code service_tier}, ...).
 * <p>
 * {@code max_tokens} defaults to the model's {@link ModelInfo#maxOutputTokens()}, or 4096 when
 * that is unknown. Usage counts cache reads and writes inside {@code inputTokens} (see
 * {@code UsageTally}). Structured output is a forced synthetic tool (see {@code StructuredOutput}).
 * Thread-safe.
 */
public final class AnthropicChatModel implements ChatModel, AutoCloseable {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
    public static final String DEFAULT_VERSION = "2023-06-01";
    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final int THINKING_MEMORY = 256;

    private final ProviderSettings settings;
    private final String model;
    private final ModelInfo info;
    private final ObjectMapper json;
    private final ProviderHttp http;
    private final AnthropicRequestEncoder encoder;
    private final AnthropicResponseDecoder decoder;
    private final AnthropicErrors errors;
    private final ThinkingMemory memory = new ThinkingMemory(THINKING_MEMORY);
    private final URI endpoint;
    private final Map<String, String> headers;
    private final int defaultMaxTokens;
    private final ErrorContext context;

    public AnthropicChatModel(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        this.settings = settings;
        this.model = model;
        this.info = info;
        this.json = json;
        this.http = new ProviderHttp(settings, json);
        this.encoder = new AnthropicRequestEncoder(json, memory,
                Boolean.parseBoolean(settings.option("prompt_caching", "false")));
        this.decoder = new AnthropicResponseDecoder(json, memory);
        this.errors = new AnthropicErrors(json, settings);
        this.endpoint = endpoint(settings, "/v1/messages");
        this.headers = headers(settings);
        this.defaultMaxTokens = info != null && info.maxOutputTokens() > 0 ? info.maxOutputTokens() : DEFAULT_MAX_TOKENS;
        this.context = ErrorContext.ofModel(settings.name(), model);
    }

    /** {@code path} under the configured (or default) API root. */
    static URI endpoint(ProviderSettings settings, String path) {
        String base = (settings.baseUrl() == null ? DEFAULT_BASE_URL : settings.baseUrl()).toString();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + path);
    }

    /** The credential and version headers every call carries. */
    static Map<String, String> headers(ProviderSettings settings) {
        Map<String, String> h = new LinkedHashMap<>();
        if (settings.apiKey() != null) {
            if ("bearer".equalsIgnoreCase(settings.option("auth", "x-api-key"))) {
                h.put("Authorization", "Bearer " + settings.apiKey().reveal());
            } else {
                h.put("x-api-key", settings.apiKey().reveal());
            }
        }
        h.put("anthropic-version", settings.option("anthropic_version", DEFAULT_VERSION));
        Object beta = settings.options().get("anthropic_beta");
        if (beta instanceof Collection<?> list && !list.isEmpty()) {
            h.put("anthropic-beta", String.join(",", list.stream().map(String::valueOf).toList()));
        } else if (beta != null && !(beta instanceof Collection<?>) && !beta.toString().isBlank()) {
            h.put("anthropic-beta", beta.toString());
        }
        return Map.copyOf(h);
    }

    private String modelFor(ChatRequest request) {
        return request.model() != null ? request.model() : model;
    }

    /** The structured-output plan and encoded body of one call. */
    private record Prepared(StructuredOutput structured, byte[] body) {
    }

    private Prepared prepare(ChatRequest request, String m, boolean stream) {
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens;
        try {
            StructuredOutput structured = StructuredOutput.of(request, json);
            return new Prepared(structured, encoder.encode(request, m, maxTokens, structured, stream));
        } catch (JacksonException e) {
            throw BatonException.builder(ErrorCode.INVALID_REQUEST,
                    "a tool or response schema of the request is not valid JSON: " + e.getOriginalMessage())
                    .context(context(m)).cause(e).build();
        }
    }

    /** Encodes a request and builds its HTTP request, sending nothing. */
    @Override
    public void prepare() {
        ChatRequest sample = ChatRequest.builder().user("ready?").maxTokens(1).build();
        http.post(endpoint, prepare(sample, model, false).body(), headers, null, false);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        long start = System.nanoTime();
        Prepared prepared = prepare(request, m, false);
        TransportRequest httpRequest = http.post(endpoint, prepared.body(), headers, request.deadline(), false);
        TransportResponse<byte[]> response = http.send(httpRequest, ctx);
        return decoder.response(parse(response.body(), ctx), settings.name(), m,
                Duration.ofNanos(System.nanoTime() - start), prepared.structured());
    }

    private JsonNode parse(byte[] body, ErrorContext ctx) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(ctx, "the response body", e);
        }
        if (!AnthropicResponseDecoder.isMessage(root)) {
            throw SseReader.Streams.malformed(ctx, "the response body (no content)", null);
        }
        return root;
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        Prepared prepared = prepare(request, m, true);
        TransportRequest httpRequest = http.post(endpoint, prepared.body(), headers, request.deadline(), true);
        long start = System.nanoTime();
        TransportResponse<InputStream> response = http.open(httpRequest, ctx);
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            // Some gateways ignore "stream": true and answer with one whole message.
            try (InputStream in = response.body()) {
                return new CompletedChatStream(decoder.response(parse(in.readAllBytes(), ctx), settings.name(), m,
                        Duration.ofNanos(System.nanoTime() - start), prepared.structured()));
            } catch (IOException e) {
                throw SseReader.Streams.interrupted(ctx, "reading the answer failed: " + e.getMessage(), e);
            }
        }
        AnthropicStreamDecoder events = new AnthropicStreamDecoder(json, ctx, prepared.structured(), memory, errors);
        return new AnthropicChatStream(settings.name(), m, response.body(), events, ctx);
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
        return "AnthropicChatModel[" + settings.name() + "/" + model + " at " + endpoint.getHost() + "]";
    }

    /** Shuts down this adapter's HTTP client (and its selector thread). */
    @Override
    public void close() {
        http.close();
    }
}
