package dev.baton.mcp.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a copy of an SSE byte stream to learn what a reconnection needs: the last event id, the
 * {@code retry} the server asked for, and whether a JSON-RPC response has arrived. It never
 * changes the bytes; the SDK still parses the stream itself. Not thread-safe (one stream's
 * bytes arrive in order).
 */
final class SseScanner {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean lastWasCr;
    private String lastEventId;
    private long retryMillis = -1;
    private boolean answered;

    /** Reads {@code buffer} from its position to its limit, leaving the buffer itself untouched. */
    void scan(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        while (b.hasRemaining()) {
            byte c = b.get();
            if (c == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = c == '\r';
            if (c == '\n' || c == '\r') {
                endLine();
            } else {
                line.write(c);
            }
        }
    }

    /** The id of the last event that carried one, or null. */
    String lastEventId() {
        return lastEventId;
    }

    /** The reconnection delay the server asked for ({@code retry:}), or -1 when it did not. */
    long retryMillis() {
        return retryMillis;
    }

    /** Whether a JSON-RPC response (a message with an id and a result or error) has arrived. */
    boolean answered() {
        return answered;
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
            case "id" -> {
                if (value.indexOf('\0') < 0) lastEventId = value;
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10) {
                    retryMillis = Long.parseLong(value);
                }
            }
            case "data" -> data.append(value).append('\n');
            default -> {
                // event names and comments do not matter for reconnection
            }
        }
    }

    private void dispatch() {
        String payload = data.toString().strip();
        data.setLength(0);
        if (payload.isEmpty()) return;
        try {
            JsonNode message = JSON.readTree(payload);
            if (message.isArray()) {
                for (JsonNode m : message) answered |= isResponse(m);
            } else {
                answered |= isResponse(message);
            }
        } catch (RuntimeException notJson) {
            // the SDK reports malformed messages; here it only means "no response yet"
        }
    }

    private static boolean isResponse(JsonNode m) {
        return m.isObject() && m.has("id") && !m.has("method") && (m.has("result") || m.has("error"));
    }
}
