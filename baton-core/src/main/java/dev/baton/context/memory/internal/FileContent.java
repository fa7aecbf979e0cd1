package dev.baton.context.memory.internal;

import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reading a file's bytes as indexable text: its SHA-256, and its text unless it looks binary. */
final class FileContent {

    /** How far into a file a NUL byte marks it as binary (git looks as far). */
    private static final int SNIFF = 8000;

    private FileContent() {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The UTF-8 text, or null when the bytes have a NUL near the start or are not UTF-8. */
    static @Nullable String text(byte[] bytes) {
        int n = Math.min(bytes.length, SNIFF);
        for (int i = 0; i < n; i++) if (bytes[i] == 0) return null;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
