package dev.baton.mcp.server.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Client cancellation over stdio, which the SDK's server does not act on. It reads the client's
 * messages as they pass to the transport: each {@code tools/call} is queued under its tool name and
 * arguments with its request id; a handler starting with that name and arguments takes the oldest
 * such id and registers its thread; a {@code notifications/cancelled} naming the id interrupts that
 * thread (or, when the call has not started yet, the thread that starts it). The SDK hands a handler
 * no request id, hence the match by content: two identical calls in flight are interchangeable, so a
 * cancellation of one may stop the other; calls that differ in tool or arguments are never confused.
 */
public final class StdioCancellation implements CallTracker {

    private static final Logger log = LoggerFactory.getLogger(StdioCancellation.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Call, Deque<String>> queued = new HashMap<>();
    private final Map<String, Thread> running = new HashMap<>();
    private final Set<String> cancelledEarly = new HashSet<>();

    private record Call(String tool, JsonNode arguments) {
    }

    /** {@code in} with every complete line also read here; the transport sees the same bytes. */
    public InputStream watch(InputStream in) {
        return new FilterInputStream(in) {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) see(b);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                for (int i = off; i < off + Math.max(n, 0); i++) see(b[i]);
                return n;
            }

            private void see(int b) {
                if (b != '\n') {
                    line.write(b);
                    return;
                }
                message(line.toByteArray());
                line.reset();
            }
        };
    }

    private void message(byte[] bytes) {
        JsonNode message;
        try {
            message = JSON.readTree(bytes);
        } catch (JacksonException notJson) {
            return; // the transport answers it with a parse error
        }
        if (message == null || !message.isObject()) return;
        String method = message.path("method").asString("");
        if (method.equals("tools/call") && message.has("id")) {
            JsonNode params = message.path("params");
            Call call = new Call(params.path("name").asString(""), arguments(params.path("arguments")));
            locked(() -> queued.computeIfAbsent(call, c -> new ArrayDeque<>()).add(message.get("id").toString()));
        } else if (method.equals("notifications/cancelled") && message.path("params").has("requestId")) {
            cancel(message.path("params").get("requestId").toString());
        }
    }

    private void cancel(String id) {
        locked(() -> {
            Thread thread = running.remove(id);
            if (thread != null) {
                log.debug("MCP client cancelled request {}", id);
                thread.interrupt();
            } else if (queued.values().stream().anyMatch(q -> q.contains(id))) {
                cancelledEarly.add(id);
            }
        });
    }

    @Override
    public Running started(String tool, JsonNode arguments) {
        Thread self = Thread.currentThread();
        String[] id = new String[1];
        locked(() -> {
            Deque<String> ids = queued.get(new Call(tool, arguments(arguments)));
            id[0] = ids == null ? null : ids.poll();
            if (ids != null && ids.isEmpty()) queued.remove(new Call(tool, arguments(arguments)));
            if (id[0] == null) return;
            if (cancelledEarly.remove(id[0])) self.interrupt();
            else running.put(id[0], self);
        });
        return () -> {
            if (id[0] != null) locked(() -> running.remove(id[0], self));
        };
    }

    /** Absent arguments and an empty object are the same call. */
    private static JsonNode arguments(JsonNode arguments) {
        return arguments == null || arguments.isMissingNode() || arguments.isNull() ? JSON.createObjectNode() : arguments;
    }

    private void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
