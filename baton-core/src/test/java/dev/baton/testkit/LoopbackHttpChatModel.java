package dev.baton.testkit;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.AssemblingChatStream;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A minimal HTTP-backed model for tests against a loopback server: POST the last user text,
 * answer with the body (or, streamed, one chunk per line until {@code [DONE]}). Maps statuses
 * the way a provider adapter does: 429 to RATE_LIMITED with Retry-After / retry-after-ms, 503 to
 * MODEL_UNAVAILABLE, other 5xx to PROVIDER_ERROR; an interrupt cancels the exchange (CANCELLED).
 */
public final class LoopbackHttpChatModel implements ChatModel {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;

    public LoopbackHttpChatModel(URI uri) {
        this.uri = uri;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("loopback", "http", 0, 0, Set.of(), null);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        HttpResponse<String> r = send(request, HttpResponse.BodyHandlers.ofString());
        check(r.statusCode(), r.headers().firstValue("retry-after-ms"), r.headers().firstValue("retry-after"));
        return ChatResponse.ofText(r.body(), Usage.of(10, 5), "loopback", "http");
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        HttpResponse<InputStream> r = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            check(r.statusCode(), r.headers().firstValue("retry-after-ms"), r.headers().firstValue("retry-after"));
        } catch (BatonException e) {
            closeQuietly(r.body());
            throw e;
        }
        return new LineStream(r.body());
    }

    private <T> HttpResponse<T> send(ChatRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpRequest http = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(request.lastUserText())).build();
        try {
            return client.send(http, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BatonException.builder(ErrorCode.TIMEOUT, "request cancelled").reason(ErrorReason.CANCELLED).build();
        } catch (IOException e) {
            throw BatonException.builder(ErrorCode.PROVIDER_ERROR, "connection failed: " + e).reason(ErrorReason.CONNECTION).build();
        }
    }

    private static void check(int status, Optional<String> retryAfterMs, Optional<String> retryAfter) {
        if (status < 400) return;
        ErrorCode code = status == 429 ? ErrorCode.RATE_LIMITED : status == 503 ? ErrorCode.MODEL_UNAVAILABLE
                : status >= 500 ? ErrorCode.PROVIDER_ERROR : ErrorCode.INVALID_REQUEST;
        BatonException.Builder b = BatonException.builder(code, "HTTP " + status).providerStatus(status);
        retryAfterMs.map(v -> Duration.ofMillis(Long.parseLong(v)))
                .or(() -> retryAfter.map(v -> Duration.ofSeconds(Long.parseLong(v))))
                .ifPresent(b::retryAfter);
        throw b.build();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a dropped connection
        }
    }

    private static final class LineStream extends AssemblingChatStream {
        private final InputStream body;
        private final BufferedReader reader;

        LineStream(InputStream body) {
            super("loopback", "http");
            this.body = body;
            this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        @Override
        protected ChatChunk pull() {
            try {
                String line = reader.readLine();
                if (line == null || line.equals("[DONE]")) return line == null ? null : ChatChunk.finish(FinishReason.STOP, Usage.of(10, 2));
                return ChatChunk.text(line);
            } catch (IOException e) {
                throw BatonException.builder(ErrorCode.PROVIDER_ERROR, "stream broke: " + e)
                        .reason(ErrorReason.STREAM_INTERRUPTED).build();
            }
        }

        @Override
        protected void release() {
            closeQuietly(body);
        }
    }
}
