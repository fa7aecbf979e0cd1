package dev.baton.config;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import java.util.Arrays;

/**
 * AES-256-GCM sealing of the credentials file. Layout: an 8-byte magic ({@code BATONCR1}, also
 * authenticated as associated data so the version cannot be swapped), a fresh random 12-byte IV,
 * then ciphertext with its 128-bit tag. Any change to any byte makes {@link #open} fail.
 */
final class CredentialCipher {

    static final int KEY_BYTES = 32;
    private static final byte[] MAGIC = "BATONCR1".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Supplier<SecureRandom> random;

    CredentialCipher(Supplier<SecureRandom> random) {
        this.random = random;
    }

    byte[] seal(SecretKey key, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.get().nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(MAGIC);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[MAGIC.length + IV_BYTES + sealed.length];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            System.arraycopy(iv, 0, out, MAGIC.length, IV_BYTES);
            System.arraycopy(sealed, 0, out, MAGIC.length + IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The plaintext of {@code data} read from {@code file}; fails naming the file when it is not intact. */
    byte[] open(SecretKey key, byte[] data, Path file, Path keyFile) {
        if (data.length < MAGIC.length + IV_BYTES + TAG_BITS / 8
                || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupted(file, file + " is not a Baton credentials file, or is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, MAGIC.length, IV_BYTES));
            cipher.updateAAD(MAGIC);
            int offset = MAGIC.length + IV_BYTES;
            return cipher.doFinal(data, offset, data.length - offset);
        } catch (AEADBadTagException e) {
            throw corrupted(file, file + " failed its integrity check (AES-GCM tag mismatch): it is corrupted,"
                    + " was modified, or was written with a different key than " + keyFile);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    static BatonException corrupted(Path file, String message) {
        return BatonException.builder(ErrorCode.VALIDATION, message)
                .suggestion("delete " + file + " and store the provider keys again (baton auth add)")
                .build();
    }
}
