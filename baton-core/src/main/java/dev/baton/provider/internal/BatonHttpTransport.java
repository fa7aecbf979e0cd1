package dev.baton.provider.internal;

import dev.baton.pipeline.internal.DeadlineTimer;
import dev.baton.provider.ProviderSettings;
import org.jspecify.annotations.Nullable;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Baton's own HTTP/1.1 client: blocking sockets used by the calling (virtual) thread. Its one
 * thread of its own, a {@link DeadlineTimer} started by the first exchange and stopped once the
 * transport is closed and no exchange holds an alarm, closes the socket of an exchange whose
 * deadline passed. Per origin (scheme, host, port) it keeps up to {@value #MAX_IDLE} idle keep-alive
 * connections, most recently used first, closing those idle for longer than
 * {@link #IDLE_TIMEOUT}; a connection goes back only once its answer was read to the end. A
 * request that fails on a reused connection before any byte of the answer arrived (the server
 * closed it while idle) is sent once more on a new connection. Like the other transports it
 * follows redirects, decodes no content, keeps no cookies, uses no proxy and sends no
 * {@code User-Agent}. A whole answer is bounded in total by the request's timeout, a stream's
 * head by the same; a streamed body is read as it arrives. Interrupting the caller, on a virtual
 * or a platform thread, closes its socket (a channel's, which the JDK closes on interrupt), which
 * aborts the exchange. TLS uses the JDK's default context, with SNI and host name verification;
 * a provider on an {@code http://} base URL sets none up ({@link PlainHttpTls}).
 */
final class BatonHttpTransport implements HttpTransport {

    /** Idle connections kept per origin. */
    static final int MAX_IDLE = 512;
    /** An idle connection older than this is closed rather than reused. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_REDIRECTS = 8;
    /** A whole answer larger than this is refused rather than held in memory. */
    private static final int MAX_BODY = 256 * 1024 * 1024;
    private static final long IDLE_NANOS = IDLE_TIMEOUT.toNanos();
    /** Request headers the transport writes itself. */
    private static final Set<String> OWN = Set.of("host", "content-length", "transfer-encoding", "connection");
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    /** Where connections go: one pool each. */
    record Origin(boolean tls, String host, int port) {
    }

    private final ConcurrentHashMap<Origin, Idle> pools = new ConcurrentHashMap<>();
    private final boolean plainOnly;
    private final int connectTimeoutMillis;
    private volatile @Nullable SSLSocketFactory tls;
    private volatile boolean closed;
    private volatile @Nullable DeadlineTimer deadlines;
    /** Alarms armed and not yet disarmed: the timer is stopped only once the transport is closed and this is 0. */
    private final AtomicInteger armed = new AtomicInteger();

    BatonHttpTransport(ProviderSettings settings) {
        this(settings, null);
    }

    /** With the TLS socket factory {@code tls} (tests trust their own certificate), or the JDK's default (null). */
    BatonHttpTransport(ProviderSettings settings, @Nullable SSLSocketFactory tls) {
        this.plainOnly = PlainHttpTls.plainOnly(settings.baseUrl());
        this.connectTimeoutMillis = (int) Math.clamp(settings.connectTimeout().toMillis(), 1, Integer.MAX_VALUE);
        this.tls = tls;
    }

    @Override
    public String name() {
        return "baton";
    }

    @Override
    public TransportResponse<byte[]> send(TransportRequest request) throws TransportException, InterruptedException {
        Answer a = exchange(request, false);
        try {
            return new TransportResponse<>(a.head.status(), a.head, a.body.readAll(MAX_BODY));
        } catch (IOException e) {
            if (Thread.interrupted()) throw new InterruptedException();
            throw failure(e, false);
        }
    }

    @Override
    public TransportResponse<InputStream> open(TransportRequest request) throws TransportException, InterruptedException {
        Answer a = exchange(request, true);
        return new TransportResponse<>(a.head.status(), a.head, a.body);
    }

    private record Answer(HttpConnection.Head head, HttpBody body) {
    }

    /**
     * Sends the request, following redirects, up to the final answer's head; a {@code stream}'s
     * body is then read without the deadline.
     */
    private Answer exchange(TransportRequest request, boolean stream) throws TransportException, InterruptedException {
        if (Thread.interrupted()) throw new InterruptedException();
        long deadline = System.nanoTime() + request.timeout().toNanos();
        TransportRequest current = request;
        for (int hop = 0; ; hop++) {
            HttpConnection c = attempt(current, deadline);
            HttpConnection.Head head = c.head();
            int s = head.status();
            String location = head.firstValue("Location").orElse(null);
            boolean last = hop >= MAX_REDIRECTS || location == null
                    || (s != 301 && s != 302 && s != 303 && s != 307 && s != 308);
            // before the body exists: a body of length 0 gives the connection back at once
            if (last && stream) c.untimed();
            Answer a = new Answer(head, new HttpBody(c, head, this));
            if (last) return a;
            try {
                a.body.readAll(MAX_BODY);
            } catch (IOException e) {
                if (Thread.interrupted()) throw new InterruptedException();
                throw failure(e, false);
            }
            current = redirected(current, s, current.uri().resolve(location));
        }
    }

    /** The request a redirect asks for: a POST turned GET without its body on 301-303, as browsers do. */
    private static TransportRequest redirected(TransportRequest r, int status, URI to) {
        boolean toGet = (status == 303 && !r.method().equals("HEAD")) || ((status == 301 || status == 302) && r.method().equals("POST"));
        if (!toGet) return new TransportRequest(r.method(), to, r.headers(), r.body(), r.timeout());
        List<TransportRequest.Header> headers = new ArrayList<>(r.headers());
        headers.removeIf(h -> h.name().equalsIgnoreCase("Content-Type"));
        return new TransportRequest("GET", to, headers, null, r.timeout());
    }

    /** One request on a pooled connection, or a new one; once more on a new one if a reused one was stale. */
    private HttpConnection attempt(TransportRequest request, long deadline) throws TransportException, InterruptedException {
        URI uri = request.uri();
        Origin origin = origin(uri);
        byte[] head = head(request, uri);
        HttpConnection c = pooled(origin);
        while (true) {
            boolean fresh = c == null;
            if (fresh) c = connect(origin, deadline);
            try {
                c.begin(deadline);
                c.write(head, request.body());
                c.readHead(request.method().equals("HEAD"));
                return c;
            } catch (IOException e) {
                c.close();
                if (Thread.interrupted()) throw new InterruptedException();
                boolean stale = !fresh && !c.answered() && !(e instanceof SocketTimeoutException);
                if (!stale) throw failure(e, false);
                c = null;
            }
        }
    }

    private Origin origin(URI uri) throws TransportException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("https");
        if (!secure && !scheme.equals("http")) {
            throw new TransportException(TransportException.Kind.OTHER, "not an http(s) URL: " + scheme + "://", null);
        }
        if (secure && plainOnly) {
            throw new TransportException(TransportException.Kind.OTHER, PlainHttpTls.REFUSAL,
                    new IllegalStateException(PlainHttpTls.REFUSAL));
        }
        String host = uri.getHost();
        if (host == null) throw new TransportException(TransportException.Kind.OTHER, "a URL without a host", null);
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        return new Origin(secure, host, port);
    }

    /** The request line and headers, ending with the blank line. */
    private static byte[] head(TransportRequest request, URI uri) throws TransportException {
        StringBuilder b = new StringBuilder(256 + 64 * request.headers().size());
        String path = uri.getRawPath();
        b.append(request.method()).append(' ').append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) b.append('?').append(uri.getRawQuery());
        b.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        int port = uri.getPort();
        if (port >= 0 && port != ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80)) b.append(':').append(port);
        b.append("\r\n");
        for (TransportRequest.Header h : request.headers()) {
            if (OWN.contains(h.name().toLowerCase(Locale.ROOT))) continue;
            check(h);
            b.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        byte[] body = request.body();
        if (body != null || !(request.method().equals("GET") || request.method().equals("HEAD"))) {
            b.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Refuses a header that would break the head (its value is not quoted: it may be a secret). */
    private static void check(TransportRequest.Header h) throws TransportException {
        String n = h.name();
        boolean ok = !n.isEmpty();
        for (int i = 0; ok && i < n.length(); i++) ok = n.charAt(i) > ' ' && n.charAt(i) < 127 && n.charAt(i) != ':';
        String v = h.value();
        for (int i = 0; ok && i < v.length(); i++) ok = v.charAt(i) != '\r' && v.charAt(i) != '\n' && v.charAt(i) != 0 && v.charAt(i) < 256;
        if (!ok) throw new TransportException(TransportException.Kind.OTHER, "an invalid request header '" + n.strip() + "'", null);
    }

    private HttpConnection connect(Origin origin, long deadline) throws TransportException, InterruptedException {
        if (closed) throw new TransportException(TransportException.Kind.OTHER, "the HTTP transport is closed", null);
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new TransportException(TransportException.Kind.RESPONSE_TIMEOUT, "no answer in time", null);
        boolean deadlineFirst = left < connectTimeoutMillis;
        String host = origin.host().startsWith("[") ? origin.host().substring(1, origin.host().length() - 1) : origin.host();
        // A channel's socket, not a plain one: its blocking I/O ends when the thread is interrupted
        // on a platform thread too (the CLI's main thread on Ctrl-C), where a plain socket's would not.
        Socket socket;
        try {
            socket = SocketChannel.open().socket();
        } catch (IOException e) {
            throw failure(e, true);
        }
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, origin.port()), deadlineFirst ? (int) left : connectTimeoutMillis);
            if (!origin.tls()) return new HttpConnection(this, origin, socket, socket);
            Socket tcp = socket;
            socket = secure(socket, host, origin.port(), deadline);
            return new HttpConnection(this, origin, socket, tcp);
        } catch (IOException e) {
            closeQuietly(socket);
            if (Thread.interrupted()) throw new InterruptedException();
            if (e instanceof SocketTimeoutException && deadlineFirst) throw failure(e, false);
            throw failure(e, true);
        }
    }

    /** TLS over the connected socket: SNI for a host name, the host name verified against the certificate. */
    private Socket secure(Socket plain, String host, int port, long deadline) throws IOException {
        SSLSocket s = (SSLSocket) tlsFactory().createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !IPV4.matcher(host).matches()) {
            try {
                p.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException notAHostName) {
                // sent without SNI, as the JDK does for such a name
            }
        }
        s.setSSLParameters(p);
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new SocketTimeoutException("no answer before the deadline");
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        s.startHandshake();
        return s;
    }

    private SSLSocketFactory tlsFactory() throws IOException {
        SSLSocketFactory f = tls;
        if (f != null) return f;
        try {
            f = SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
        tls = f;
        return f;
    }

    /** The most recently used idle connection still young enough, or null. */
    private @Nullable HttpConnection pooled(Origin origin) {
        Idle idle = pools.get(origin);
        if (idle == null) return null;
        long now = System.nanoTime();
        for (HttpConnection c; (c = idle.connections.pollFirst()) != null; ) {
            idle.count.decrementAndGet();
            if (now - c.idleSince < IDLE_NANOS) return c;
            c.close();
        }
        return null;
    }

    /** Back to the pool after an answer read to its end, when it may carry another; else closed. */
    void release(HttpConnection c, boolean keepAlive) {
        if (!c.settle() || !keepAlive || closed) {
            c.close();
            return;
        }
        c.ended();
        c.idleSince = System.nanoTime();
        Idle idle = pools.computeIfAbsent(c.origin, o -> new Idle());
        if (idle.count.incrementAndGet() > MAX_IDLE) {
            idle.count.decrementAndGet();
            c.close();
            return;
        }
        idle.connections.offerFirst(c);
        // the oldest idle one, if expired, is closed here: no thread of its own sweeps the pool
        HttpConnection oldest = idle.connections.peekLast();
        if (oldest != null && c.idleSince - oldest.idleSince >= IDLE_NANOS && idle.connections.removeLastOccurrence(oldest)) {
            idle.count.decrementAndGet();
            oldest.close();
        }
        if (closed) closeIdle();
    }

    /** Connections kept per origin (tests look at the pool). */
    int idle(Origin origin) {
        Idle idle = pools.get(origin);
        return idle == null ? 0 : idle.count.get();
    }

    private static TransportException failure(IOException e, boolean connecting) {
        if (e instanceof TransportException te) return te;
        if (e instanceof ConnectException) {
            return new TransportException(TransportException.Kind.CONNECT_REFUSED, "connection refused", e);
        }
        if (e instanceof SocketTimeoutException) {
            return connecting ? new TransportException(TransportException.Kind.CONNECT_TIMEOUT, "connect timed out", e)
                    : new TransportException(TransportException.Kind.RESPONSE_TIMEOUT, "no answer in time", e);
        }
        return new TransportException(TransportException.Kind.OTHER, String.valueOf(e.getMessage()), e);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    private void closeIdle() {
        for (Idle idle : pools.values()) {
            for (HttpConnection c; (c = idle.connections.pollFirst()) != null; ) {
                idle.count.decrementAndGet();
                c.close();
            }
        }
    }

    /**
     * Arms {@code action} at {@code dueNanos} for one exchange, which hands it back through
     * {@link #disarmed()}; null once the transport is closed (the read timeout keeps that deadline).
     */
    DeadlineTimer.@Nullable Alarm arm(long dueNanos, Runnable action) {
        armed.incrementAndGet();
        // after the increment: close() either sees this alarm counted or this sees it closed
        DeadlineTimer timer = closed ? null : deadlines();
        if (timer == null) {
            disarmed();
            return null;
        }
        return timer.runAtNanos(dueNanos, action);
    }

    /** One alarm {@link #arm} gave was disarmed (or was not armed after all). */
    void disarmed() {
        if (armed.decrementAndGet() == 0 && closed) stopTimer();
    }

    /** The timer, started by the first exchange: one volatile read once started; null once closed. */
    private @Nullable DeadlineTimer deadlines() {
        DeadlineTimer timer = deadlines;
        if (timer != null) return timer;
        synchronized (this) {
            if (closed) return null;
            if (deadlines == null) deadlines = new DeadlineTimer(Clock.systemUTC(), "baton-http-deadlines");
            return deadlines;
        }
    }

    private void stopTimer() {
        DeadlineTimer timer;
        synchronized (this) {
            timer = deadlines;
            deadlines = null;
        }
        if (timer != null) timer.close();
    }

    /**
     * Closes the idle connections; a connection in use is closed when its exchange ends. The
     * deadline timer stops once no exchange still under way holds an alarm, so each keeps its deadline.
     */
    @Override
    public void close() {
        closed = true;
        closeIdle();
        if (armed.get() == 0) stopTimer();
    }

    private static final class Idle {
        final ConcurrentLinkedDeque<HttpConnection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger count = new AtomicInteger();
    }
}
