package dev.baton.provider.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.baton.provider.HttpErrorMapper;
import dev.baton.provider.ProviderSettings;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side shared by provider adapters: one {@link HttpTransport} per adapter, JSON POSTs
 * with the adapter's headers, the request deadline applied as the request's timeout, error
 * answers mapped through {@link HttpErrorMapper}, transport failures mapped onto the error
 * taxonomy, and interruption that cancels the exchange. {@link #close()} stops the transport,
 * ending its threads.
 */
public final class ProviderHttp implements AutoCloseable {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpTransport transport;
    private final ProviderSettings settings;
    private final HttpErrorMapper errors;

    public ProviderHttp(ProviderSettings settings, ObjectMapper json) {
        this(settings, json, HttpTransports.create(settings));
    }

    ProviderHttp(ProviderSettings settings, ObjectMapper json, HttpTransport transport) {
        this.settings = settings;
        this.errors = new HttpErrorMapper(json);
        this.transport = transport;
    }

    /** The transport (tests look at its set-up). */
    HttpTransport transport() {
        return transport;
    }

    public ProviderSettings settings() {
        return settings;
    }

    /** A POST of a JSON body to {@code uri} with the given headers, bounded by the timeout and deadline. */
    public TransportRequest post(URI uri, byte[] body, Map<String, String> headers, @Nullable Instant deadline,
                                 boolean stream) {
        List<TransportRequest.Header> all = new ArrayList<>(headers.size() + settings.headers().size() + 2);
        all.add(new TransportRequest.Header("Content-Type", "application/json"));
        all.add(new TransportRequest.Header("Accept", stream ? "text/event-stream" : "application/json"));
        return new TransportRequest("POST", uri, with(all, headers), body, timeout(deadline));
    }

    /** A GET with the given headers. */
    public TransportRequest get(URI uri, Map<String, String> headers, Duration timeout) {
        return new TransportRequest("GET", uri, with(new ArrayList<>(), headers), null, timeout);
    }

    private List<TransportRequest.Header> with(List<TransportRequest.Header> all, Map<String, String> headers) {
        headers.forEach((k, v) -> all.add(new TransportRequest.Header(k, v)));
        settings.headers().forEach((k, v) -> all.add(new TransportRequest.Header(k, v)));
        return all;
    }

    private Duration timeout(@Nullable Instant deadline) {
        Duration t = settings.requestTimeout();
        if (deadline != null) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.compareTo(t) < 0) t = left;
        }
        if (t.isNegative() || t.isZero()) t = Duration.ofMillis(1);
        return t;
    }

    /** Sends and reads the whole body; a non-2xx answer becomes the mapped failure. */
    public TransportResponse<byte[]> send(TransportRequest request, ErrorContext context) {
        TransportResponse<byte[]> response;
        try {
            response = transport.send(request);
        } catch (InterruptedException e) {
            throw interrupted(context);
        } catch (TransportException e) {
            throw transportFailure(e, request, context);
        }
        if (!response.successful()) {
            byte[] bytes = response.body();
            String body = new String(bytes, 0, Math.min(bytes.length, MAX_ERROR_BODY), StandardCharsets.UTF_8);
            throw errors.map(response.status(), response.headers(), body, settings, context);
        }
        return response;
    }

    /** Sends and returns the open body stream; the caller must close it. */
    public TransportResponse<InputStream> open(TransportRequest request, ErrorContext context) {
        TransportResponse<InputStream> response;
        try {
            response = transport.open(request);
        } catch (InterruptedException e) {
            throw interrupted(context);
        } catch (TransportException e) {
            throw transportFailure(e, request, context);
        }
        if (!response.successful()) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw errors.map(response.status(), response.headers(), body, settings, context);
        }
        return response;
    }

    private static BatonException interrupted(ErrorContext context) {
        Thread.currentThread().interrupt();
        return BatonException.builder(ErrorCode.TIMEOUT, context.provider() + ": call interrupted")
                .reason(ErrorReason.CANCELLED).context(context).retriable(false).build();
    }

    /** Maps a failure of the exchange onto the taxonomy. */
    BatonException transportFailure(TransportException e, TransportRequest request, ErrorContext context) {
        String where = context.provider() + " at " + request.uri().getScheme() + "://" + request.uri().getAuthority();
        return switch (e.kind()) {
            case CONNECT_TIMEOUT -> BatonException.builder(ErrorCode.TIMEOUT, where + ": connect timed out")
                    .reason(ErrorReason.CONNECTION).context(context).retriable(true).cause(e).build();
            case RESPONSE_TIMEOUT -> BatonException.builder(ErrorCode.TIMEOUT,
                            where + ": no answer within " + request.timeout().toMillis() + " ms")
                    .context(context).retriable(true).cause(e).build();
            case CONNECT_REFUSED -> BatonException.builder(ErrorCode.MODEL_UNAVAILABLE, where + ": connection refused")
                    .reason(ErrorReason.CONNECTION).context(context).retriable(true).cause(e)
                    .suggestion("is the provider's base URL right and the server running?").build();
            case OTHER -> {
                Throwable t = e.getCause() == null ? e : e.getCause();
                String detail = settings.scrub(String.valueOf(t.getMessage()));
                yield BatonException.builder(ErrorCode.PROVIDER_ERROR,
                                where + ": " + t.getClass().getSimpleName() + ": " + detail)
                        .reason(ErrorReason.CONNECTION).context(context).retriable(true).cause(e).build();
            }
        };
    }

    /** Stops the transport and waits (briefly) for its threads to end; see {@link HttpTransport#close()}. */
    @Override
    public void close() {
        transport.close();
    }
}
