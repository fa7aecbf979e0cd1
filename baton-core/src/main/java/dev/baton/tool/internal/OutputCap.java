package dev.baton.tool.internal;

import dev.baton.tool.ToolResult;

import java.nio.charset.StandardCharsets;

/** Cuts a tool result's content to a number of UTF-8 bytes, never inside a character, and flags it. */
final class OutputCap {

    private OutputCap() {
    }

    /** {@code result} with its content at most {@code capBytes} UTF-8 bytes. */
    static ToolResult apply(ToolResult result, int capBytes) {
        byte[] bytes = result.content().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= capBytes) return result;
        int cut = capBytes;
        // back up over continuation bytes (10xxxxxx) so the cut falls on a character boundary
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) cut--;
        return result.truncatedTo(new String(bytes, 0, cut, StandardCharsets.UTF_8));
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }
}
