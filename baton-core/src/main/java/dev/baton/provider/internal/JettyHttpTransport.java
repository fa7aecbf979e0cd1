package dev.baton.provider.internal;

import dev.baton.provider.ProviderSettings;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import dev.baton.provider.ResponseHeaders;

/**
 * The transport on Jetty's {@link HttpClient}: HTTP/1.1 with a connection pool sized for a
 * gateway's concurrency, one selector, redirects followed, no content decoding (answers arrive
 * as the provider sent them, as with the JDK client), no cookie store. A whole answer is bounded in total by the
 * request's timeout; a stream's head is awaited for that long and its body is read as it arrives.
 * Interrupting the caller aborts the exchange, which closes its connection. Closing a stream before
 * its body's end first reads on for what is left of it, within {@link #DRAIN_BYTES} and
 * {@link #DRAIN_TIME}: a stream closed after its last event (the usual case: {@code [DONE]} or
 * {@code message_stop} comes just before the body's end) returns its connection to the pool for the
 * next call; one closed mid-answer is aborted once either bound is passed. Under load it costs about half the CPU per request of the JDK client
 * ({@code docs/PERFORMANCE.md} §12).
 */
final class JettyHttpTransport implements HttpTransport {

    /** Connections per provider host: a gateway under load keeps this many exchanges in flight. */
    static final int MAX_CONNECTIONS = 512;
    private static final int MAX_QUEUED = 16_384;
    /** A whole answer larger than this is refused rather than held in memory. */
    private static final int MAX_BODY = 256 * 1024 * 1024;
    /** What a closed stream may still read to reach its body's end and keep its connection. */
    static final int DRAIN_BYTES = 16 * 1024;
    /** How long a closed stream may wait for its body's end before it aborts the exchange. */
    static final Duration DRAIN_TIME = Duration.ofMillis(200);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpClient client;
    private final ExecutorService threads;
    private final boolean plainOnly;
    private final Scheduler timer;

    JettyHttpTransport(ProviderSettings settings) {
        String name = "baton-http-" + INSTANCES.incrementAndGet();
        // Every task on a virtual thread, the selector included: measured against a small pool of
        // platform threads for the selector and its hand-offs (QueuedThreadPool), it gave 30-50%
        // more requests per second at the same CPU per request (PERFORMANCE.md §12), the waiting
        // caller being woken on the same carrier pool. Only the timer is a platform thread (daemon).
        this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        this.timer = new JettyTimer(name + "-timer");
        connector.setScheduler(timer);
        connector.setSelectors(1);
        connector.setConnectTimeout(settings.connectTimeout());
        PlainHttpTls.apply(connector, settings.baseUrl());
        HttpClient c = new HttpClient(new HttpClientTransportOverHTTP(connector));
        c.setMaxConnectionsPerDestination(MAX_CONNECTIONS);
        c.setMaxRequestsQueuedPerDestination(MAX_QUEUED);
        c.setFollowRedirects(true);
        c.setUserAgentField(null);
        c.getContentDecoderFactories().clear();
        // No cookies, as with the JDK client: a provider API is called with its key, and a cookie
        // store costs every request a java.net.URI built and matched (PERFORMANCE.md §22).
        c.setHttpCookieStore(new HttpCookieStore.Empty());
        try {
            c.start();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client did not start: " + e.getMessage(), e);
        }
        // A 401 or 407 is the provider's answer to map, not a challenge for the client to answer
        // (the client adds these handlers when it starts).
        c.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        c.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
        this.client = c;
        this.plainOnly = PlainHttpTls.plainOnly(settings.baseUrl());
    }

    /** The underlying client (tests look at its set-up). */
    HttpClient client() {
        return client;
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public TransportResponse<byte[]> send(TransportRequest request) throws TransportException, InterruptedException {
        Request r = newRequest(request).timeout(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<ContentResponse> answer = new CompletableResponseListener(r, MAX_BODY).send();
        try {
            ContentResponse response = answer.get();
            return new TransportResponse<>(response.getStatus(), headers(response.getHeaders()), response.getContent());
        } catch (InterruptedException e) {
            r.abort(e);
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause(), request);
        }
    }

    @Override
    public TransportResponse<InputStream> open(TransportRequest request) throws TransportException, InterruptedException {
        Request r = newRequest(request);
        // completes once the exchange has ended and, when it ended well, its connection is back in the pool
        CompletableFuture<Void> ended = new CompletableFuture<>();
        r.onComplete(result -> ended.complete(null));
        InputStreamResponseListener listener = new InputStreamResponseListener();
        r.send(listener);
        Response head;
        try {
            head = listener.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            r.abort(e);
            throw e;
        } catch (TimeoutException e) {
            r.abort(e);
            throw failure(e, request);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), request);
        }
        return new TransportResponse<>(head.getStatus(), headers(head.getHeaders()),
                new DrainingOnClose(listener.getInputStream(), r, ended, timer));
    }

    private Request newRequest(TransportRequest request) throws TransportException {
        if (plainOnly && "https".equalsIgnoreCase(request.uri().getScheme())) {
            throw new TransportException(TransportException.Kind.OTHER, PlainHttpTls.REFUSAL,
                    new IllegalStateException(PlainHttpTls.REFUSAL));
        }
        Request r = client.newRequest(request.uri()).method(request.method());
        r.headers(h -> {
            for (TransportRequest.Header header : request.headers()) h.add(header.name(), header.value());
        });
        byte[] body = request.body();
        if (body != null) {
            String type = request.header("Content-Type");
            // one buffer wrapped directly: BytesRequestContent's varargs go through a Stream per request
            r.body(new ByteBufferRequestContent(type == null ? "application/octet-stream" : type, ByteBuffer.wrap(body)));
        }
        return r;
    }

    private static ResponseHeaders headers(HttpFields fields) {
        return name -> Optional.ofNullable(fields.get(name));
    }

    /** Jetty's failure as a transport failure of the kind the error taxonomy needs. */
    private static TransportException failure(Throwable t, TransportRequest request) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TransportException te) return te;
            if (c instanceof ConnectException) {
                return new TransportException(TransportException.Kind.CONNECT_REFUSED, "connection refused", t);
            }
            if (c instanceof SocketTimeoutException) {
                return new TransportException(TransportException.Kind.CONNECT_TIMEOUT, "connect timed out", t);
            }
            if (c instanceof TimeoutException) {
                return new TransportException(TransportException.Kind.RESPONSE_TIMEOUT, "no answer in time", t);
            }
        }
        return new TransportException(TransportException.Kind.OTHER, String.valueOf(t.getMessage()), t);
    }

    /**
     * Stops the client: its selector and timer have ended when this returns
     * (HotSpot waits up to 300 ms at exit for a thread sitting in native code, so a client left
     * running would cost every command that much).
     */
    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping a client whose connections already broke: nothing more to release
        }
        threads.shutdownNow();
    }

    /**
     * A streamed body whose close before the end drains what is left within the bounds, so the
     * connection goes back to the pool; past a bound, or on any failure, the exchange is aborted.
     */
    private static final class DrainingOnClose extends FilterInputStream {
        private final Request request;
        private final CompletableFuture<Void> exchangeEnded;
        private final Scheduler scheduler;
        private boolean ended;

        DrainingOnClose(InputStream in, Request request, CompletableFuture<Void> exchangeEnded, Scheduler scheduler) {
            super(in);
            this.request = request;
            this.exchangeEnded = exchangeEnded;
            this.scheduler = scheduler;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) ended = true;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) ended = true;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended && !drained()) request.abort(new CancellationException("the caller closed the stream"));
            super.close();
            if (ended) awaitExchangeEnd();
        }

        /**
         * The body's end reaches the reader a moment before the client puts the connection back:
         * a call made right after this close would otherwise open a second one.
         */
        private void awaitExchangeEnd() {
            try {
                exchangeEnded.get(DRAIN_TIME.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the exchange ends on its own; the next call then opens a connection of its own
            }
        }

        /**
         * Reads to the body's end within the bounds. An interrupted caller does not wait: the
         * read fails at once. The timer aborts a read still blocked when the time is up.
         */
        private boolean drained() {
            if (Thread.currentThread().isInterrupted()) return false;
            Scheduler.Task timer = scheduler.schedule(
                    () -> request.abort(new TimeoutException("the closed stream did not end in time")),
                    DRAIN_TIME.toMillis(), TimeUnit.MILLISECONDS);
            try {
                byte[] scratch = new byte[1024];
                for (int left = DRAIN_BYTES; left >= 0; ) {
                    int n = in.read(scratch, 0, scratch.length);
                    if (n < 0) {
                        ended = true;
                        return true;
                    }
                    left -= n;
                }
                return false;
            } catch (IOException | RuntimeException e) {
                return false; // aborted by the timer, or the connection broke: nothing left to keep
            } finally {
                timer.cancel();
            }
        }
    }
}
