package dev.baton.provider.internal;

import dev.baton.error.ErrorContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.baton.provider.SseReader;

/**
 * Reads a newline-delimited JSON body ({@code application/x-ndjson}) object by object. Blank
 * lines are skipped. Every object must end with a newline: a body that ends in the middle of a
 * line is reported as an interrupted stream, never parsed as if it were complete. A line that is
 * not a JSON object is reported as malformed.
 */
public final class NdjsonReader implements AutoCloseable {

    private static final int NEWLINE = '\n';

    private final InputStream in;
    private final ErrorContext context;
    private final ObjectMapper json;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

    public NdjsonReader(InputStream body, ErrorContext context, ObjectMapper json) {
        this.in = new BufferedInputStream(body, 8192);
        this.context = context;
        this.json = json;
    }

    /** The next JSON object, or null at a clean end of the body. */
    public JsonNode next() {
        String text;
        while ((text = nextLine()) != null) {
            if (text.isBlank()) continue;
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (RuntimeException e) {
                throw SseReader.Streams.malformed(context, "a stream line", e);
            }
            if (node == null || !node.isObject()) throw SseReader.Streams.malformed(context, "a stream line", null);
            return node;
        }
        return null;
    }

    /** The next line without its terminator, or null at a clean end. */
    private String nextLine() {
        line.reset();
        try {
            int b;
            while ((b = in.read()) != -1) {
                if (b == NEWLINE) return decode();
                line.write(b);
            }
        } catch (IOException | UncheckedIOException e) {
            throw SseReader.Streams.interrupted(context, "the stream broke: " + e.getMessage(), e);
        }
        if (line.size() > 0 && !decode().isBlank()) {
            throw SseReader.Streams.interrupted(context, "the stream ended in the middle of a line", null);
        }
        return null;
    }

    private String decode() {
        // the newline byte never occurs inside a multi-byte UTF-8 sequence, so splitting on it is safe
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing left to release
        }
    }
}
