package dev.baton.provider.internal;

import dev.baton.pipeline.internal.DeadlineTimer;
import dev.baton.provider.ResponseHeaders;
import org.jspecify.annotations.Nullable;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 connection of {@link BatonHttpTransport}: a blocking socket used by one exchange
 * at a time, on the caller's thread. It writes a request, parses the response head by hand and
 * frames the body by {@code Content-Length}, {@code chunked} or the connection's end. An
 * exchange with a deadline arms an alarm of the transport's {@link DeadlineTimer} that closes the
 * socket when the deadline passes, which ends a blocked read or write; the exchange then fails
 * with a {@link SocketTimeoutException}. Without an alarm (the transport closed) reads are bounded
 * by the socket's read timeout instead. The alarm, not the read timeout, is the usual way because
 * a virtual thread's timed read schedules and cancels a JDK timer task on every blocking read,
 * which wakes the JDK's timer thread twice per exchange (docs/PERFORMANCE.md §31). Not
 * thread-safe, except that the alarm may close it from the timer's thread: the pool hands it to
 * one exchange at a time.
 */
final class HttpConnection {

    /** A response head larger than this (status line and headers) is refused as malformed. */
    static final int MAX_HEAD = 64 * 1024;
    /** The longest line of a head or a chunk size: the read buffer grows to this from {@link #INITIAL_BUFFER}. */
    static final int BUFFER = 16 * 1024;
    /**
     * The read buffer of a new connection: a chat answer's head fits, and a wide fan-out keeps
     * a thousand connections open at once (docs/PERFORMANCE.md §26 on read buffers and RSS).
     */
    static final int INITIAL_BUFFER = 4 * 1024;

    final BatonHttpTransport.Origin origin;
    /** The transport whose pool holds it: it arms the deadlines' alarms. */
    private final BatonHttpTransport owner;
    private final Socket socket;
    /** The TCP socket: {@link #socket} itself, or the one under its TLS. An expired alarm closes it. */
    private final Socket tcp;
    private final Runnable expire = this::expire;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buf = new byte[INITIAL_BUFFER];
    /** The head of the current exchange, once read. */
    private @org.jspecify.annotations.Nullable Head head;
    private int pos;
    private int lim;
    /** System.nanoTime() by which reads must end; meaningful only while {@link #timed}. */
    private long deadline;
    private boolean timed;
    /** The read timeout last set on the socket; -1 until one is set (a TLS handshake leaves its own). */
    private int soTimeout = -1;
    /** The current exchange's deadline alarm; null when untimed or bounded by the read timeout. */
    private DeadlineTimer.@Nullable Alarm alarm;
    /** Set by the alarm, from the timer's thread, before it closes the socket. */
    private volatile boolean expired;
    /** Whether any byte of the current exchange's answer arrived. */
    private boolean answered;
    /** Whether an exchange ran on this connection before the current one. */
    private boolean reused;
    private boolean broken;
    /** System.nanoTime() at which it went back to the pool. */
    long idleSince;

    /** Over {@code socket}, which is {@code tcp} or a TLS socket layered on it. */
    HttpConnection(BatonHttpTransport owner, BatonHttpTransport.Origin origin, Socket socket, Socket tcp) throws IOException {
        this.owner = owner;
        this.origin = origin;
        this.socket = socket;
        this.tcp = tcp;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Starts an exchange whose reads and writes must end by {@code deadlineNanos}: kept by an
     * alarm the transport arms, or, once it is closed, by the read timeout.
     */
    void begin(long deadlineNanos) {
        disarm();
        head = null;
        deadline = deadlineNanos;
        timed = true;
        answered = false;
        alarm = owner.arm(deadlineNanos, expire);
    }

    /** Lifts the deadline: a streamed body is read as it arrives, however long it takes. */
    void untimed() {
        timed = false;
        disarm();
    }

    /**
     * Ends the current exchange's deadline; false if it had passed, in which case the socket is
     * closed (or closing) and the connection must not be used again.
     */
    boolean settle() {
        boolean fired = disarm();
        return !fired && !expired && !broken;
    }

    /** Disarms the current alarm, if any; true if it had fired (or was firing): the socket is closed. */
    private boolean disarm() {
        DeadlineTimer.Alarm a = alarm;
        if (a == null) return false;
        alarm = null;
        boolean fired = !a.cancel();
        owner.disarmed();
        return fired;
    }

    /** The alarm's action, on the timer's thread: the blocked read or write ends with an error. */
    private void expire() {
        expired = true;
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing is all the alarm does
        }
    }

    /** {@code e}, or the timeout it stands for when the deadline's alarm closed the socket. */
    private IOException failed(IOException e) {
        if (!expired || e instanceof SocketTimeoutException) return e;
        SocketTimeoutException t = new SocketTimeoutException("no answer before the deadline");
        t.initCause(e);
        return t;
    }

    boolean reused() {
        return reused;
    }

    boolean answered() {
        return answered;
    }

    /** Marks the end of an exchange whose answer was read to its end: the next one reuses it. */
    void ended() {
        reused = true;
    }

    /** Writes the request head and body in one write when they fit a small buffer. */
    void write(byte[] head, byte @org.jspecify.annotations.Nullable [] body) throws IOException {
        try {
            if (body != null && body.length > 0 && head.length + body.length <= 64 * 1024) {
                byte[] all = new byte[head.length + body.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                out.write(all);
            } else {
                out.write(head);
                if (body != null && body.length > 0) out.write(body);
            }
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The head {@link #readHead} read for the current exchange. */
    Head head() {
        Head h = head;
        if (h == null) throw new IllegalStateException("no response head read");
        return h;
    }

    /** Reads the final response head, skipping 1xx (interim) ones. */
    Head readHead(boolean headRequest) throws IOException {
        while (true) {
            String statusLine = line(true);
            if (statusLine == null) throw new Unanswered();
            int total = statusLine.length() + 2;
            int status = status(statusLine);
            List<String> names = new ArrayList<>(16);
            List<String> values = new ArrayList<>(16);
            for (String l; !(l = line(false)).isEmpty(); ) {
                total += l.length() + 2;
                if (total > MAX_HEAD) throw malformed("a response head larger than " + MAX_HEAD + " bytes");
                char first = l.charAt(0);
                if (first == ' ' || first == '\t') {
                    // obsolete line folding: the line continues the previous header's value
                    if (values.isEmpty()) throw malformed("a response head starting with a folded line");
                    int last = values.size() - 1;
                    values.set(last, values.get(last) + " " + l.strip());
                    continue;
                }
                int colon = l.indexOf(':');
                if (colon <= 0 || !token(l, colon)) throw malformed("a malformed response header line");
                names.add(l.substring(0, colon));
                values.add(l.substring(colon + 1).strip());
            }
            if (status == 101) throw malformed("an unexpected 101 (switching protocols)");
            if (status / 100 == 1) continue;
            boolean http11 = statusLine.startsWith("HTTP/1.1");
            head = new Head(status, names, values, framing(status, headRequest, names, values), http11);
            return head;
        }
    }

    private static int status(String line) throws TransportException {
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw malformed("a malformed response status line");
        }
        int s = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') throw malformed("a malformed response status line");
            s = s * 10 + (c - '0');
        }
        if (s < 100) throw malformed("a malformed response status line");
        return s;
    }

    private static boolean token(String l, int end) {
        for (int i = 0; i < end; i++) {
            char c = l.charAt(i);
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** The body's length: -1 for chunked, -2 until the connection closes, else the byte count. */
    private static long framing(int status, boolean headRequest, List<String> names, List<String> values)
            throws TransportException {
        if (headRequest || status == 204 || status == 304) return 0;
        String coding = Head.value(names, values, "Transfer-Encoding");
        if (coding != null) {
            return coding.toLowerCase(Locale.ROOT).strip().endsWith("chunked") ? -1 : -2;
        }
        long length = -2;
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equalsIgnoreCase("Content-Length")) continue;
            long l;
            try {
                l = Long.parseLong(values.get(i));
            } catch (NumberFormatException e) {
                throw malformed("a malformed Content-Length");
            }
            if (l < 0 || (length != -2 && length != l)) throw malformed("a malformed Content-Length");
            length = l;
        }
        return length;
    }

    /**
     * One line without its line end; null at the connection's end before any byte of it when
     * {@code orEnd}, else that end is a failure.
     */
    private String line(boolean orEnd) throws IOException {
        int scanFrom = pos;
        while (true) {
            for (int i = scanFrom; i < lim; i++) {
                if (buf[i] != '\n') continue;
                int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                String s = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                pos = i + 1;
                return s;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            if (lim == buf.length) {
                if (buf.length >= BUFFER) throw malformed("a response line longer than " + BUFFER + " bytes");
                buf = java.util.Arrays.copyOf(buf, Math.min(BUFFER, buf.length * 2));
            }
            scanFrom = lim;
            if (fill() < 0) {
                if (orEnd && lim == 0) return null;
                throw new EOFException("the connection closed in the middle of the response");
            }
        }
    }

    /** Reads more into the buffer after {@link #lim}; -1 at the connection's end. */
    private int fill() throws IOException {
        int n = receive(buf, lim, buf.length - lim);
        if (n > 0) {
            lim += n;
            answered = true;
        }
        return n;
    }

    /** One read from the socket, within the deadline; -1 at the connection's end. */
    private int receive(byte[] b, int off, int len) throws IOException {
        timeout();
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
        if (n < 0 && expired) throw failed(new EOFException("the socket was closed at the deadline"));
        return n;
    }

    /**
     * Fails once the deadline has passed; sets the socket's read timeout to what is left before it
     * when no alarm keeps it, else to none.
     */
    private void timeout() throws IOException {
        int ms = 0;
        if (timed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new SocketTimeoutException("no answer before the deadline");
            if (alarm == null) ms = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        if (ms != soTimeout) {
            socket.setSoTimeout(ms);
            soTimeout = ms;
        }
    }

    /** Reads up to {@code len} body bytes, from the buffer first; -1 at the connection's end. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pos == lim) {
            pos = 0;
            lim = 0;
            if (len >= INITIAL_BUFFER) {
                int n = receive(b, off, len);
                if (n > 0) answered = true;
                return n;
            }
            if (fill() < 0) return -1;
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Reads one line of a chunked body's framing (a size, a chunk's end, a trailer). */
    String framingLine() throws IOException {
        return line(false);
    }

    /** Whether bytes can be read at once, without blocking. */
    boolean readable() throws IOException {
        return pos < lim || in.available() > 0;
    }

    /** Closes the socket: the connection is not used again. */
    void close() {
        disarm();
        broken = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do with it
        }
    }

    static TransportException malformed(String what) {
        String message = "the provider sent " + what;
        return new TransportException(TransportException.Kind.OTHER, message, new IOException(message));
    }

    /** The connection ended before any byte of the answer: on a reused connection, a retry may succeed. */
    static final class Unanswered extends EOFException {
        Unanswered() {
            super("the connection closed before any answer");
        }
    }

    /**
     * A parsed response head: the status, the headers in arrival order, the body's framing
     * ({@code length} -1 chunked, -2 to the connection's end) and whether the connection may
     * carry another exchange afterwards.
     */
    record Head(int status, List<String> names, List<String> values, long length, boolean http11)
            implements ResponseHeaders {

        @Override
        public Optional<String> firstValue(String name) {
            return Optional.ofNullable(value(names, values, name));
        }

        boolean keepAlive() {
            if (length == -2) return false;
            String connection = value(names, values, "Connection");
            if (connection == null) return http11;
            String c = connection.toLowerCase(Locale.ROOT);
            return http11 ? !c.contains("close") : c.contains("keep-alive");
        }

        static @org.jspecify.annotations.Nullable String value(List<String> names, List<String> values, String name) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(name)) return values.get(i);
            }
            return null;
        }
    }
}
