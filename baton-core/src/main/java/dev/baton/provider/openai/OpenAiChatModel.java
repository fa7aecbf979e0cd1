package dev.baton.provider.openai;

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
import dev.baton.provider.openai.internal.OpenAiRequestEncoder;
import dev.baton.provider.openai.internal.OpenAiAnswerParser;
import tools.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.net.URI;
import dev.baton.provider.internal.TransportRequest;
import dev.baton.provider.internal.TransportResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Adapter for the OpenAI chat-completions API and every server that speaks it (Azure OpenAI,
 * Ollama {@code /v1}, vLLM, LM Studio, Groq, Together, OpenRouter, DeepSeek, Mistral): set the
 * base URL. Azure is recognised by its host or an {@code api_version} option and authenticated
 * with the {@code api-key} header. Options: {@code organization}, {@code project},
 * {@code api_version}, {@code max_tokens_field}.
 */
public final class OpenAiChatModel implements ChatModel, AutoCloseable {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    private final ProviderSettings settings;
    private final String model;
    private final ModelInfo info;
    private final ObjectMapper json;
    private final ProviderHttp http;
    private final OpenAiRequestEncoder encoder;
    private final OpenAiAnswerParser answers;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final ErrorContext context;

    public OpenAiChatModel(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        this.settings = settings;
        this.model = model;
        this.info = info;
        this.json = json;
        this.http = new ProviderHttp(settings, json);
        URI base = settings.baseUrl() == null ? DEFAULT_BASE_URL : settings.baseUrl();
        boolean azure = base.getHost() != null && base.getHost().endsWith(".openai.azure.com")
                || settings.options().containsKey("api_version");
        String apiVersion = settings.option("api_version", "2024-10-21");
        this.endpoint = URI.create(stripSlash(base.toString()) + "/chat/completions"
                + (azure ? "?api-version=" + apiVersion : ""));
        boolean openAiProper = "api.openai.com".equals(base.getHost());
        this.answers = new OpenAiAnswerParser(json);
        this.encoder = new OpenAiRequestEncoder(json,
                settings.option("max_tokens_field", openAiProper ? "max_completion_tokens" : "max_tokens"));
        this.headers = authHeaders(settings, azure);
        this.context = ErrorContext.ofModel(settings.name(), model);
    }

    static Map<String, String> authHeaders(ProviderSettings settings, boolean azure) {
        Map<String, String> h = new HashMap<>();
        if (settings.apiKey() != null) {
            if (azure) h.put("api-key", settings.apiKey().reveal());
            else h.put("Authorization", "Bearer " + settings.apiKey().reveal());
        }
        String org = settings.option("organization", null);
        if (org != null) h.put("OpenAI-Organization", org);
        String project = settings.option("project", null);
        if (project != null) h.put("OpenAI-Project", project);
        return Map.copyOf(h);
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private String modelFor(ChatRequest request) {
        return request.model() != null ? request.model() : model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        long start = System.nanoTime();
        TransportRequest httpRequest = http.post(endpoint, encoder.encode(request, m, false), headers, request.deadline(), false);
        TransportResponse<byte[]> response = http.send(httpRequest, ctx);
        return parse(response.body(), ctx, m, start);
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        TransportRequest httpRequest = http.post(endpoint, encoder.encode(request, m, true), headers, request.deadline(), true);
        long start = System.nanoTime();
        TransportResponse<InputStream> response = http.open(httpRequest, ctx);
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            // Some compatible servers ignore "stream": true and answer with one whole body.
            try (InputStream in = response.body()) {
                return new CompletedChatStream(parse(in.readAllBytes(), ctx, m, start));
            } catch (java.io.IOException e) {
                throw SseReader.Streams.interrupted(ctx, "reading the answer failed: " + e.getMessage(), e);
            }
        }
        return new OpenAiChatStream(settings.name(), m, response.body(), json, ctx);
    }

    /** Encodes a request, builds its HTTP request and decodes an answer, sending nothing. */
    @Override
    public void prepare() {
        ChatRequest sample = ChatRequest.builder().user("ready?").maxTokens(1).build();
        http.post(endpoint, encoder.encode(sample, model, false), headers, null, false);
        parse(PREPARE_ANSWER, context, model, System.nanoTime());
    }

    private static final byte[] PREPARE_ANSWER = ("{\"id\":\"prepare\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** The answer in {@code body}, read with a streaming parser (no tree: PERFORMANCE.md §23). */
    private ChatResponse parse(byte[] body, ErrorContext ctx, String m, long startNanos) {
        try {
            return answers.parse(body, settings.name(), m, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (OpenAiAnswerParser.NoChoices e) {
            throw SseReader.Streams.malformed(ctx, "the response body (no choices)", null);
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(ctx, "the response body", e);
        }
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
        return "OpenAiChatModel[" + settings.name() + "/" + model + " at " + endpoint.getHost() + "]";
    }

    /** Shuts down this adapter's HTTP client (and its selector thread). */
    @Override
    public void close() {
        http.close();
    }
}
