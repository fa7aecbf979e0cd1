package dev.baton.tool.internal;

import java.nio.charset.StandardCharsets;

/** Cutting UTF-8 bytes and text at a byte cap without splitting a character. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The length of the longest prefix of {@code bytes[0, length)} that is at most {@code cap}
     * bytes and does not end inside a multi-byte sequence.
     */
    public static int safeLength(byte[] bytes, int length, int cap) {
        if (length <= cap) return length;
        int end = Math.max(0, cap);
        // step back over continuation bytes (10xxxxxx) to the lead byte of the last character
        int lead = end;
        while (lead > 0 && lead > end - 4 && (bytes[lead - 1] & 0xC0) == 0x80) lead--;
        if (lead == 0) return end;
        int b = bytes[lead - 1] & 0xFF;
        int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        int have = end - (lead - 1);
        return have >= need ? end : lead - 1;
    }

    /** {@code bytes} decoded, cut to at most {@code cap} bytes on a character boundary. */
    public static String decode(byte[] bytes, int cap) {
        return new String(bytes, 0, safeLength(bytes, bytes.length, cap), StandardCharsets.UTF_8);
    }

    /** {@code text} cut to at most {@code cap} UTF-8 bytes on a character boundary (itself when it fits). */
    public static String cut(String text, int cap) {
        if (text.length() * 3L <= cap) return text;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= cap ? text : decode(bytes, cap);
    }

    /** The UTF-8 length of {@code text}. */
    public static int length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
