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
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import org.jspecify.annotations.Nullable;
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
    private static final JsonFactory TOKENS = JsonFactory.builder().build();

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
        List<Key> cancels = new ArrayList<>();
        for (Message message : messages(body)) {
            if (message.method().equals("tools/call") && message.id() != null) {
                calls.add(new Key(session, message.id()));
            } else if (message.method().equals("notifications/cancelled") && message.requestId() != null) {
                cancels.add(new Key(session, message.requestId()));
            }
        }
        cancels.forEach(this::cancel);
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

    /**
     * What this filter needs of one JSON-RPC message: its method ("" if none), its id and its
     * params' requestId, each as its JSON text (a string quoted), null when absent.
     */
    record Message(String method, @Nullable String id, @Nullable String requestId) {
    }

    /**
     * The messages of a body (one object or a batch), read as a token stream without building a
     * tree; none when the body is not one well-formed JSON value (the transport answers it with a
     * parse error).
     */
    static List<Message> messages(byte[] body) {
        // a plain factory's parser: the mapper's would set up a deserialization context per body
        try (JsonParser p = TOKENS.createParser(ObjectReadContext.empty(), body)) {
            JsonToken t = p.nextToken();
            List<Message> out = new ArrayList<>(1);
            if (t == JsonToken.START_OBJECT) {
                out.add(message(p));
            } else if (t == JsonToken.START_ARRAY) {
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == JsonToken.START_OBJECT) out.add(message(p));
                    else p.skipChildren();
                }
            } else if (t == null) {
                return List.of();
            }
            return p.nextToken() == null ? out : List.of();
        } catch (JacksonException e) {
            return List.of();
        }
    }

    /** The message whose object {@code p} has just opened; {@code p} ends on its closing brace. */
    private static Message message(JsonParser p) {
        String method = "";
        String id = null;
        String requestId = null;
        for (String name; (name = p.nextName()) != null; ) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "method" -> method = value == JsonToken.VALUE_STRING ? p.getString() : skip(p, "");
                case "id" -> id = text(p, value);
                case "params" -> {
                    requestId = null;
                    if (value == JsonToken.START_OBJECT) {
                        for (String param; (param = p.nextName()) != null; ) {
                            JsonToken v = p.nextToken();
                            if (param.equals("requestId")) requestId = text(p, v);
                            else p.skipChildren();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new Message(method, id, requestId);
    }

    /** The JSON text of the value {@code p} is on (a string quoted, so "1" and 1 differ). */
    private static String text(JsonParser p, JsonToken value) {
        return switch (value) {
            case VALUE_STRING -> '"' + p.getString() + '"';
            case START_OBJECT, START_ARRAY -> JSON.readTree(p).toString();
            default -> p.getString();
        };
    }

    private static String skip(JsonParser p, String instead) {
        p.skipChildren();
        return instead;
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
