package dev.baton.provider.bedrock;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.bedrock.internal.BedrockClients;
import dev.baton.provider.bedrock.internal.BedrockErrorMapper;
import dev.baton.provider.bedrock.internal.ConverseRequestEncoder;
import dev.baton.provider.bedrock.internal.ConverseResponseDecoder;
import dev.baton.provider.bedrock.internal.ConverseStreamDecoder;
import dev.baton.provider.bedrock.internal.DocumentJson;
import dev.baton.provider.bedrock.internal.EventBridge;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Adapter for Amazon Bedrock's Converse API (AWS SDK for Java v2): {@link #chat} calls
 * {@code Converse}, {@link #stream} calls {@code ConverseStream}. The model id is passed through
 * as it is, so foundation model ids ({@code amazon.nova-lite-v1:0}), cross-region inference
 * profiles ({@code us.anthropic.claude-sonnet-4-20250514-v1:0}) and ARNs all work.
 *
 * <p>Credentials: a Bedrock API key when {@link ProviderSettings#apiKey()} is set (bearer token);
 * otherwise the options {@code access_key_id}/{@code secret_access_key}[/{@code session_token}],
 * or the named {@code profile}, or the SDK's default chain (environment, profile files, SSO, web
 * identity, container and instance roles). Region: option {@code region}, else the SDK's default
 * region chain ({@code AWS_REGION}, profile). {@link ProviderSettings#baseUrl()} overrides the
 * endpoint. Request options are sent as {@code additionalModelRequestFields}. The SDK clients are
 * built on first use and released by {@link #close()}. Thread-safe.
 */
public final class BedrockChatModel implements ChatModel, AutoCloseable {

    /** Events requested ahead of a stream's consumer. */
    private static final int STREAM_BUFFER = 64;

    private final ProviderSettings settings;
    private final String model;
    private final ModelInfo info;
    private final BedrockClients clients;
    private final BedrockErrorMapper errors;
    private final ConverseRequestEncoder encoder;
    private final ConverseResponseDecoder decoder;
    private final ErrorContext context;

    public BedrockChatModel(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        this.settings = settings;
        this.model = model;
        this.info = info;
        this.clients = new BedrockClients(settings);
        this.errors = new BedrockErrorMapper(clients.scrubber());
        DocumentJson documents = new DocumentJson(json);
        this.encoder = new ConverseRequestEncoder(documents);
        this.decoder = new ConverseResponseDecoder(documents);
        this.context = ErrorContext.ofModel(settings.name(), model);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        ConverseRequestEncoder.Encoded encoded = encode(request, m, ctx);
        long start = System.nanoTime();
        ConverseResponse response;
        try {
            response = clients.converse(encoded.request(), timeout(request.deadline()));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) throw interrupted(ctx);
            throw errors.map(e, ctx);
        }
        return decoder.response(response, encoded.responseTool(), settings.name(), m,
                Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        String m = modelFor(request);
        ErrorContext ctx = context(m);
        ConverseRequestEncoder.Encoded encoded = encode(request, m, ctx);
        EventBridge bridge = new EventBridge(STREAM_BUFFER);
        CompletableFuture<Void> call;
        try {
            call = clients.asyncClient().converseStream(encoded.streamRequest(), bridge);
        } catch (RuntimeException e) {
            throw errors.map(e, ctx);
        }
        // Waiting for the response head makes error statuses fail here, before any chunk.
        ConverseStreamResponse head = await(bridge.head(), () -> {
            bridge.cancel();
            call.cancel(true);
        }, timeout(request.deadline()), ctx);
        String requestId = head.responseMetadata() == null ? null : head.responseMetadata().requestId();
        return new BedrockChatStream(settings.name(), m, requestId, bridge, call,
                new ConverseStreamDecoder(encoded.responseTool()), errors, ctx);
    }

    /**
     * Waits for {@code future} within {@code timeout}; on a timeout or an interruption runs
     * {@code abort} (which drops the connection) and fails with {@link ErrorCode#TIMEOUT}.
     */
    private <T> T await(CompletableFuture<T> future, Runnable abort, Duration timeout, ErrorContext ctx) {
        try {
            return future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            abort.run();
            throw errors.map(e.getCause() == null ? e : e.getCause(), ctx);
        } catch (TimeoutException e) {
            abort.run();
            throw BatonException.builder(ErrorCode.TIMEOUT,
                            ctx.provider() + ": no answer within " + timeout.toMillis() + " ms")
                    .context(ctx).retriable(true).build();
        } catch (InterruptedException e) {
            abort.run();
            Thread.currentThread().interrupt();
            throw interrupted(ctx);
        }
    }

    private static BatonException interrupted(ErrorContext ctx) {
        return BatonException.builder(ErrorCode.TIMEOUT, ctx.provider() + ": call interrupted")
                .reason(ErrorReason.CANCELLED).context(ctx).retriable(false).build();
    }

    private ConverseRequestEncoder.Encoded encode(ChatRequest request, String m, ErrorContext ctx) {
        try {
            return encoder.encode(request, m);
        } catch (JacksonException e) {
            throw BatonException.builder(ErrorCode.INVALID_REQUEST,
                            ctx.provider() + ": a tool schema or tool-call arguments are not valid JSON")
                    .context(ctx).retriable(false).cause(e).build();
        }
    }

    /** The time left for the call: the request timeout, shortened by the request's deadline. */
    private Duration timeout(Instant deadline) {
        Duration t = settings.requestTimeout();
        if (deadline != null) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.compareTo(t) < 0) t = left;
        }
        return t.isNegative() || t.isZero() ? Duration.ofMillis(1) : t;
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

    /** Releases the SDK clients (connections, event-loop threads); later calls fail. */
    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "BedrockChatModel[" + settings.name() + "/" + model
                + (settings.baseUrl() == null ? "" : " at " + settings.baseUrl().getHost()) + "]";
    }
}
