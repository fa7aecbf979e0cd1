package dev.baton.provider.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes messages of the AWS event-stream binary framing ({@code application/vnd.amazon.eventstream}),
 * written here independently of the SDK so that the SDK parsing them proves the framing:
 * a prelude (total length, headers length, CRC32 of those 8 bytes), string-typed headers
 * (name length, name, type 7, value length, value), the payload, and a CRC32 of all that precedes.
 */
final class EventStreamFrames {

    private static final byte STRING_TYPE = 7;

    private EventStreamFrames() {
    }

    /** An {@code event} message of the given type with a JSON payload. */
    static byte[] event(String eventType, String jsonPayload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return message(headers, jsonPayload.getBytes(StandardCharsets.UTF_8));
    }

    /** An {@code exception} message, as Bedrock sends for errors after the stream started. */
    static byte[] exception(String exceptionType, String jsonPayload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        return message(headers, jsonPayload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] message(Map<String, String> headers, byte[] payload) {
        byte[] headerBytes = headers(headers);
        int total = 12 + headerBytes.length + payload.length + 4;
        ByteBuffer buf = ByteBuffer.allocate(total);
        buf.putInt(total).putInt(headerBytes.length);
        buf.putInt((int) crc(buf.array(), 0, 8));
        buf.put(headerBytes).put(payload);
        buf.putInt((int) crc(buf.array(), 0, total - 4));
        return buf.array();
    }

    private static byte[] headers(Map<String, String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            out.write(n.length);
            out.writeBytes(n);
            out.write(STRING_TYPE);
            out.write((v.length >>> 8) & 0xFF);
            out.write(v.length & 0xFF);
            out.writeBytes(v);
        });
        return out.toByteArray();
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
