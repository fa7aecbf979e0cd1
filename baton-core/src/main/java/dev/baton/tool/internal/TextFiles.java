package dev.baton.tool.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Telling text files from binary ones, the way the file tools need it. */
final class TextFiles {

    /** How much of a file's start is looked at. */
    private static final int SNIFF_BYTES = 8192;

    private TextFiles() {
    }

    /** Whether {@code file} starts with a NUL byte in its first 8 KiB (what git calls binary). */
    static boolean binary(Path file) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        for (int i = 0; i < n; i++) if (head[i] == 0) return true;
        return false;
    }
}
