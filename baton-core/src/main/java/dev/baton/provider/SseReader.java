package dev.baton.provider;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} body event by event. Comment lines (keep-alives such as
 * {@code : ping}) are skipped. A body that ends in the middle of an event is reported as an
 * interrupted stream, never as a complete one.
 */
public final class SseReader implements AutoCloseable {

    private final BufferedReader reader;
    private final ErrorContext context;

    public SseReader(InputStream body, ErrorContext context) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 8192);
        this.context = context;
    }

    /** The next event, or null at a clean end of the body. */
    public SseEvent next() {
        String event = null;
        StringBuilder data = null;
        boolean sawField = false;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) return new SseEvent(event, data.toString());
                    event = null;
                    sawField = false;
                    continue;
                }
                if (line.charAt(0) == ':') continue;
                sawField = true;
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) value = value.substring(1);
                if (field.equals("data")) {
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                } else if (field.equals("event")) {
                    event = value;
                }
            }
        } catch (IOException e) {
            throw Streams.interrupted(context, "the event stream broke: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw Streams.interrupted(context, "the event stream broke: " + e.getMessage(), e);
        }
        if (sawField || data != null) {
            throw Streams.interrupted(context, "the event stream ended in the middle of an event", null);
        }
        return null;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing left to release
        }
    }

    /** Shared construction of stream failures. */
    public static final class Streams {
        private Streams() {
        }

        public static BatonException interrupted(ErrorContext context, String message, Throwable cause) {
            return BatonException.builder(ErrorCode.PROVIDER_ERROR, context.provider() + ": " + message)
                    .reason(ErrorReason.STREAM_INTERRUPTED).context(context).retriable(true).cause(cause).build();
        }

        public static BatonException malformed(ErrorContext context, String what, Throwable cause) {
            return BatonException.builder(ErrorCode.PROVIDER_ERROR,
                            context.provider() + " sent malformed JSON in " + what)
                    .reason(ErrorReason.MALFORMED_RESPONSE).context(context).retriable(true).cause(cause).build();
        }
    }
}
