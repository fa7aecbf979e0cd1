package dev.baton.provider.internal;

import dev.baton.pipeline.internal.DeadlineTimer;
import dev.baton.provider.ProviderSettings;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The transport on the JDK's {@code java.net.http} client: HTTP/1.1, redirects followed as
 * browsers do, exchanges run on virtual threads. The request timeout is the time to the response
 * head, as the JDK's own would be, but kept by a {@link DeadlineTimer} of this transport rather
 * than the JDK client's: the client registers and cancels each request's timeout under a lock on
 * the whole client, which its selector thread also takes on every wake-up, and a wide fan-out's
 * calls queued on it (docs/PERFORMANCE.md §26). It costs no dependency and starts fast, which
 * suits a short-lived process; under sustained load it costs about twice the CPU per request of
 * {@link JettyHttpTransport}.
 */
final class JdkHttpTransport implements HttpTransport {

    private final HttpClient client;
    /** Started on the first exchange (a transport built and never used starts no thread); written under this. */
    private volatile @Nullable DeadlineTimer timeouts;
    private boolean closed;

    JdkHttpTransport(ProviderSettings settings) {
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

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public TransportResponse<byte[]> send(TransportRequest request) throws TransportException, InterruptedException {
        HttpResponse<byte[]> r = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        return new TransportResponse<>(r.statusCode(), r.headers()::firstValue, r.body());
    }

    @Override
    public TransportResponse<InputStream> open(TransportRequest request) throws TransportException, InterruptedException {
        HttpResponse<InputStream> r = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        return new TransportResponse<>(r.statusCode(), r.headers()::firstValue, r.body());
    }

    /**
     * The blocking send, on the calling thread: no hand-off to the client's executor and back,
     * which costs tens of microseconds per call. Interrupting the caller makes the JDK client
     * cancel the exchange and drop its connection.
     */
    private <T> HttpResponse<T> exchange(TransportRequest request, HttpResponse.BodyHandler<T> handler)
            throws TransportException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri());
        byte[] body = request.body();
        b.method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (TransportRequest.Header h : request.headers()) b.header(h.name(), h.value());
        HttpRequest built = b.build();
        // The head's arrival cancels the alarm (on the client's thread); past the timeout, the alarm
        // interrupts this thread, which makes the JDK client abort the exchange and drop its connection.
        DeadlineTimer.Alarm alarm = timeouts().interruptCallerAt(Instant.now().plus(request.timeout()));
        HttpResponse<T> response;
        try {
            response = client.send(built, info -> {
                alarm.cancel();
                return handler.apply(info);
            });
        } catch (InterruptedException | IOException | RuntimeException e) {
            // the alarm must not outlive the call: disarmed on every way out, its interrupt cleared
            if (alarm.disarm()) throw timedOut(e);
            if (e instanceof InterruptedException ie) throw ie;
            if (e instanceof IOException io) throw failure(io);
            throw (RuntimeException) e;
        }
        if (alarm.disarm()) {
            // fired as the head arrived: the interrupt is cleared, and the late answer counts as none
            if (response.body() instanceof InputStream in) closeQuietly(in);
            throw timedOut(null);
        }
        return response;
    }

    private static TransportException failure(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new TransportException(TransportException.Kind.CONNECT_TIMEOUT, "connect timed out", e);
        }
        if (e instanceof HttpTimeoutException) return timedOut(e);
        if (e instanceof ConnectException) {
            return new TransportException(TransportException.Kind.CONNECT_REFUSED, "connection refused", e);
        }
        return new TransportException(TransportException.Kind.OTHER, String.valueOf(e.getMessage()), e);
    }

    private static TransportException timedOut(@Nullable Exception cause) {
        return new TransportException(TransportException.Kind.RESPONSE_TIMEOUT, "no answer in time", cause);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the exchange is given up either way
        }
    }

    /** The transport's timer: one volatile read per call once started, the lock only to start it. */
    private DeadlineTimer timeouts() {
        DeadlineTimer timer = timeouts;
        if (timer != null) return timer;
        synchronized (this) {
            if (closed) throw new IllegalStateException("the HTTP transport is closed");
            if (timeouts == null) timeouts = new DeadlineTimer(Clock.systemUTC(), "baton-http-timeouts");
            return timeouts;
        }
    }

    /**
     * Shuts the client down and waits (briefly) for its selector thread to end. That thread sits in
     * native code (epoll) for the client's whole life, and HotSpot waits up to 300 ms at exit for
     * any thread in native code: a client left open costs every command that much.
     */
    @Override
    public void close() {
        DeadlineTimer timer;
        synchronized (this) {
            closed = true;
            timer = timeouts;
        }
        if (timer != null) timer.close();
        client.shutdownNow();
        try {
            client.awaitTermination(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
