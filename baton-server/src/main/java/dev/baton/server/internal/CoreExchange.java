package dev.baton.server.internal;

import dev.baton.server.Caller;
import dev.baton.server.Exchange;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link Exchange} straight on Jetty's core request and response, no servlet layer. The body
 * is held in one growing array: a whole answer goes out in one write with its
 * {@code Content-Length} when the output is closed (or the route returns); a stream's
 * {@code flush()} commits and sends what is held, one event per write. Runs on the request's own
 * (virtual) thread: writes block until Jetty has taken the bytes, and fail with an
 * {@link IOException} once the client has gone.
 */
final class CoreExchange implements Exchange {

    private static final HttpField JSON_CONTENT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");

    private final Request request;
    private final Response response;
    private final String mapping;
    private @Nullable InputStream body;
    private long bodyLimit = -1;
    private Caller caller = Caller.ANONYMOUS;
    private @Nullable String route;
    private @Nullable Output output;

    CoreExchange(Request request, Response response, String mapping) {
        this.request = request;
        this.response = response;
        this.mapping = mapping;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public @Nullable String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public Iterable<String> headerNames() {
        List<String> names = new ArrayList<>();
        for (HttpField f : request.getHeaders()) names.add(f.getName());
        return names;
    }

    @Override
    public long contentLength() {
        return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    }

    @Override
    public InputStream body() {
        if (body == null) {
            InputStream in = Content.Source.asInputStream(request);
            body = bodyLimit >= 0 ? new LimitedInputStream(in, bodyLimit) : in;
        }
        return body;
    }

    @Override
    public void limitBody(long maxBytes) {
        if (contentLength() < 0) bodyLimit = maxBytes;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public void caller(Caller caller) {
        this.caller = caller;
    }

    @Override
    public String route() {
        return route != null ? route : mapping;
    }

    @Override
    public void route(String template) {
        this.route = template;
    }

    @Override
    public @Nullable String mappingPattern() {
        return null;
    }

    @Override
    public int status() {
        return response.getStatus();
    }

    @Override
    public void status(int status) {
        response.setStatus(status);
    }

    @Override
    public void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    @Override
    public void contentType(String type) {
        if (type.equals("application/json")) {
            response.getHeaders().put(JSON_CONTENT_TYPE); // every gateway answer: its bytes are encoded once, not per response
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type.startsWith("text/") || type.endsWith("json")
                ? type + ";charset=utf-8" : type);
    }

    @Override
    public boolean committed() {
        return response.isCommitted();
    }

    @Override
    public void resetBuffer() {
        if (output != null) output.count = 0;
    }

    @Override
    public OutputStream output() {
        if (output == null) output = new Output();
        return output;
    }

    /** Ends the response: sends what is held as its last bytes, unless the output was closed already. */
    void complete() throws IOException {
        output().close();
    }

    private void send(boolean last, ByteBuffer bytes) throws IOException {
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(last, bytes, done);
            done.block();
        }
    }

    /** The response body, held until flushed or closed. */
    private final class Output extends OutputStream {
        private byte[] bytes = new byte[1024];
        private int count;
        private boolean closed;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
        }

        @Override
        public void flush() throws IOException {
            if (closed || (count == 0 && response.isCommitted())) return;
            int n = count;
            count = 0;
            send(false, ByteBuffer.wrap(bytes, 0, n)); // blocks until Jetty has taken the bytes, so the array is free again after
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            if (!response.isCommitted()) response.getHeaders().put(HttpHeader.CONTENT_LENGTH, count);
            send(true, ByteBuffer.wrap(bytes, 0, count));
        }
    }
}
