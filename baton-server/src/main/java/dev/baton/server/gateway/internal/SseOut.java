package dev.baton.server.gateway.internal;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events onto a response: each event's JSON is generated into one reused buffer and
 * written and flushed in one piece, so a client never sees half an event.
 */
final class SseOut {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final ObjectMapper json;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    SseOut(OutputStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    /** Starts an event ({@code event} null: a bare {@code data:} event); write one JSON value, then {@link #send}. */
    JsonGenerator event(String event) {
        buffer.reset();
        if (event != null) {
            buffer.writeBytes(("event: " + event + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        buffer.writeBytes(DATA);
        return json.createGenerator(buffer);
    }

    /** Ends the event {@code g} wrote and sends it. */
    void send(JsonGenerator g) throws IOException {
        g.close();
        buffer.writeBytes(END);
        buffer.writeTo(out);
        out.flush();
    }

    /** Sends {@code data: text} (OpenAI's {@code [DONE]}). */
    void data(String text) throws IOException {
        buffer.reset();
        buffer.writeBytes(DATA);
        buffer.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        buffer.writeBytes(END);
        buffer.writeTo(out);
        out.flush();
    }
}
