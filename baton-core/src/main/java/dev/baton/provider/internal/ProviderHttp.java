package dev.baton.provider.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import dev.baton.provider.HttpErrorMapper;
import dev.baton.provider.ProviderSettings;

/**
 * The HTTP side shared by provider adapters: one {@link HttpClient} per adapter, JSON POSTs with
 * the adapter's headers, the request deadline applied as the time to the response head, error
 * answers mapped through {@link HttpErrorMapper}, and interruption that cancels the exchange.
 * {@link #close()} shuts the client down, ending its selector thread.
 */
public final class ProviderHttp implements AutoCloseable {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpClient client;
    private final ProviderSettings settings;
    private final HttpErrorMapper errors;

    public ProviderHttp(ProviderSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.errors = new HttpErrorMapper(json);
        this.client = PlainHttpTls.apply(HttpClient.newBuilder(), settings.baseUrl())
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                // The client's default executor is a cached pool of platform threads, one per
                // concurrent exchange, each started cold (time and RSS in a wide fan-out).
                .executor(Thread::startVirtualThread)
                .build();
    }

    /** The underlying client (tests look at its set-up). */
    HttpClient client() {
        return client;
    }

    public ProviderSettings settings() {
        return settings;
    }

    /** A POST of a JSON body to {@code uri} with the given headers, bounded by the timeout and deadline. */
    public HttpRequest post(URI uri, byte[] body, Map<String, String> headers, Instant deadline, boolean stream) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout(deadline))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        settings.headers().forEach(b::header);
        return b.build();
    }

    /** A GET with the given headers. */
    public HttpRequest get(URI uri, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(b::header);
        settings.headers().forEach(b::header);
        return b.build();
    }

    private Duration timeout(Instant deadline) {
        Duration t = settings.requestTimeout();
        if (deadline != null) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.compareTo(t) < 0) t = left;
        }
        if (t.isNegative() || t.isZero()) t = Duration.ofMillis(1);
        return t;
    }

    /** Sends and reads the whole body; a non-2xx answer becomes the mapped failure. */
    public HttpResponse<byte[]> send(HttpRequest request, ErrorContext context) {
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray(), context);
        if (response.statusCode() / 100 != 2) {
            String body = new String(response.body(), 0, Math.min(response.body().length, MAX_ERROR_BODY),
                    StandardCharsets.UTF_8);
            throw errors.map(response.statusCode(), response.headers(), body, settings, context);
        }
        return response;
    }

    /** Sends and returns the open body stream; the caller must close it. */
    public HttpResponse<InputStream> open(HttpRequest request, ErrorContext context) {
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream(), context);
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw errors.map(response.statusCode(), response.headers(), body, settings, context);
        }
        return response;
    }

    /**
     * The blocking send, on the calling thread: no hand-off to the client's executor and back,
     * which costs tens of microseconds per call. Interrupting the caller makes the JDK client
     * cancel the exchange and drop its connection.
     */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                         ErrorContext context) {
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BatonException.builder(ErrorCode.TIMEOUT, context.provider() + ": call interrupted")
                    .reason(ErrorReason.CANCELLED).context(context).retriable(false).build();
        } catch (IOException e) {
            throw transportFailure(e, request, context);
        }
    }

    /** Maps an I/O failure of the exchange onto the taxonomy. */
    public BatonException transportFailure(Throwable t, HttpRequest request, ErrorContext context) {
        String where = context.provider() + " at " + request.uri().getScheme() + "://" + request.uri().getAuthority();
        if (t instanceof HttpConnectTimeoutException) {
            return BatonException.builder(ErrorCode.TIMEOUT, where + ": connect timed out")
                    .reason(ErrorReason.CONNECTION).context(context).retriable(true).cause(t).build();
        }
        if (t instanceof HttpTimeoutException) {
            return BatonException.builder(ErrorCode.TIMEOUT,
                            where + ": no answer within " + request.timeout().map(Duration::toMillis).orElse(0L) + " ms")
                    .context(context).retriable(true).cause(t).build();
        }
        if (t instanceof ConnectException) {
            return BatonException.builder(ErrorCode.MODEL_UNAVAILABLE, where + ": connection refused")
                    .reason(ErrorReason.CONNECTION).context(context).retriable(true).cause(t)
                    .suggestion("is the provider's base URL right and the server running?").build();
        }
        String detail = settings.scrub(String.valueOf(t.getMessage()));
        return BatonException.builder(ErrorCode.PROVIDER_ERROR, where + ": " + t.getClass().getSimpleName() + ": " + detail)
                .reason(ErrorReason.CONNECTION).context(context).retriable(true).cause(t).build();
    }

    /**
     * Shuts the client down and waits (briefly) for its selector thread to end. That thread sits in
     * native code (epoll) for the client's whole life, and HotSpot waits up to 300 ms at exit for
     * any thread in native code: a client left open costs every command that much.
     */
    @Override
    public void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(java.time.Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
