package dev.baton.mcp.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client cancellation over Streamable HTTP, which the SDK's server does not act on: a
 * {@code tools/call} POST registers the thread that runs it (the server executes tool handlers on
 * the request's own thread) under its session and request id, and a {@code notifications/cancelled}
 * naming that id in the same session interrupts it. A Baton tool treats the interrupt as
 * cancellation ({@code invoke} cancels its run: no agent starts after it, and the run is recorded
 * cancelled). Sessions cannot cancel one another's calls.
 */
public final class CancellableCalls implements Filter {

    private static final Logger log = LoggerFactory.getLogger(CancellableCalls.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<Key, Thread> running = new ConcurrentHashMap<>();
    private final int maxRequestBytes;

    public CancellableCalls(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    private record Key(String session, String requestId) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        // a body without Content-Length is read only up to the limit: RequestGuard cannot see its size
        byte[] body = request.getInputStream().readNBytes(maxRequestBytes + 1);
        if (body.length > maxRequestBytes) {
            ((jakarta.servlet.http.HttpServletResponse) res).sendError(413, "request body over the limit of " + maxRequestBytes + " bytes");
            return;
        }
        String session = String.valueOf(request.getHeader("Mcp-Session-Id"));
        List<Key> calls = new ArrayList<>();
        for (JsonNode message : messages(body)) {
            String method = message.path("method").asString("");
            if (method.equals("tools/call") && message.has("id")) {
                calls.add(new Key(session, message.get("id").toString()));
            } else if (method.equals("notifications/cancelled") && message.path("params").has("requestId")) {
                cancel(new Key(session, message.path("params").get("requestId").toString()));
            }
        }
        calls.forEach(k -> running.put(k, Thread.currentThread()));
        try {
            chain.doFilter(new CachedBody(request, body), res);
        } finally {
            calls.forEach(k -> running.remove(k, Thread.currentThread()));
        }
    }

    private void cancel(Key key) {
        Thread thread = running.remove(key);
        if (thread != null) {
            log.debug("MCP client cancelled request {} of session {}", key.requestId(), key.session());
            thread.interrupt();
        }
    }

    private static List<JsonNode> messages(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null) return List.of();
            if (node.isArray()) {
                List<JsonNode> out = new ArrayList<>();
                node.forEach(out::add);
                return out;
            }
            return List.of(node);
        } catch (JacksonException e) {
            return List.of(); // not JSON: the transport answers it with a parse error
        }
    }

    /** The request with its body, already read here, readable again by the transport. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
