package dev.baton.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads text that must be UTF-8: bytes that are not UTF-8 are refused (never replaced), with the
 * byte offset and line of the first bad byte, and a file over its size limit is refused before it
 * is read, so a huge file costs neither time nor memory. Failures are {@link UnreadableTextException}s.
 */
public final class Utf8TextReader {

    /** The size limit of configuration and ensemble YAML files: 1 MiB. */
    public static final long MAX_YAML_BYTES = 1024 * 1024;

    /** The largest byte array the JVM reliably allocates; the limit of "no limit". */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Utf8TextReader() {
    }

    /** The text of {@code file}, refused when it has more than {@code maxBytes} bytes or is not UTF-8. */
    public static String readFile(Path file, long maxBytes) {
        String source = file.toString();
        try {
            if (Files.isDirectory(file)) throw new UnreadableTextException(source, "is a directory, not a file", null);
            // The size is checked up front and again while reading: the file may grow in between,
            // and special files (pipes) report no size.
            if (Files.size(file) > maxBytes) throw tooLarge(source, Files.size(file), maxBytes);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                // one byte past the limit tells "over it" from "exactly at it"
                bytes = in.readNBytes(maxBytes >= MAX_ARRAY ? MAX_ARRAY : (int) maxBytes + 1);
            }
            if (bytes.length > maxBytes) throw tooLarge(source, bytes.length, maxBytes);
            return decode(bytes, source);
        } catch (NoSuchFileException e) {
            throw new UnreadableTextException(source, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableTextException(source, "permission denied", e);
        } catch (IOException e) {
            throw new UnreadableTextException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /** {@code bytes} as text; {@code source} names them in the error when they are not UTF-8. */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int offset = in.position();
            throw new UnreadableTextException(source, "not UTF-8 text (byte 0x%02X at byte offset %d, line %d)"
                    .formatted(bytes[offset] & 0xFF, offset, lineAt(bytes, offset)), null);
        }
        return out.flip().toString();
    }

    /** "1 MiB" for whole MiB, else the byte count. */
    public static String describeLimit(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    private static UnreadableTextException tooLarge(String source, long size, long maxBytes) {
        String limit = describeLimit(maxBytes);
        if (!limit.endsWith("bytes")) limit += " (" + maxBytes + " bytes)";
        return new UnreadableTextException(source, "too large: " + size + " bytes, over the limit of " + limit, null);
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (bytes[i] == '\n') line++;
        return line;
    }
}
