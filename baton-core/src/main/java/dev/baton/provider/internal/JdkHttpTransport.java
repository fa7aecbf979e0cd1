package dev.baton.provider.internal;

import dev.baton.provider.ProviderSettings;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The transport on the JDK's {@code java.net.http} client: HTTP/1.1, redirects followed as
 * browsers do, exchanges run on virtual threads. The request timeout is the JDK's: the time to
 * the response head. It costs no dependency and starts fast, which suits a short-lived process;
 * under sustained load it costs about twice the CPU per request of {@link JettyHttpTransport}.
 */
final class JdkHttpTransport implements HttpTransport {

    private final HttpClient client;

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
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
        byte[] body = request.body();
        b.method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (TransportRequest.Header h : request.headers()) b.header(h.name(), h.value());
        try {
            return client.send(b.build(), handler);
        } catch (HttpConnectTimeoutException e) {
            throw new TransportException(TransportException.Kind.CONNECT_TIMEOUT, "connect timed out", e);
        } catch (HttpTimeoutException e) {
            throw new TransportException(TransportException.Kind.RESPONSE_TIMEOUT, "no answer in time", e);
        } catch (ConnectException e) {
            throw new TransportException(TransportException.Kind.CONNECT_REFUSED, "connection refused", e);
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.OTHER, String.valueOf(e.getMessage()), e);
        }
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
            client.awaitTermination(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
