package dev.baton.config;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.Supplier;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The 256-bit key that encrypts the credentials file: 32 raw random bytes in a file only its
 * owner may read or write. A key file that group or others can access is refused rather than
 * used, since anyone who can read it can read every stored credential.
 */
final class CredentialKeyFile {

    private final Path file;
    private final Supplier<SecureRandom> random;

    CredentialKeyFile(Path file, Supplier<SecureRandom> random) {
        this.file = file;
        this.random = random;
    }

    Path path() {
        return file;
    }

    /** The key, or empty when the key file does not exist. */
    Optional<SecretKey> read() {
        try {
            checkPermissions();
            byte[] bytes = Files.readAllBytes(file);
            try {
                if (bytes.length != CredentialCipher.KEY_BYTES) {
                    throw CredentialCipher.corrupted(file, file + " is not a credentials key (expected "
                            + CredentialCipher.KEY_BYTES + " bytes, found " + bytes.length + ")");
                }
                return Optional.of(new SecretKeySpec(bytes, "AES"));
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The key, created owner-only when missing. The caller holds the store's write lock. */
    SecretKey readOrCreate() {
        Optional<SecretKey> existing = read();
        if (existing.isPresent()) return existing.get();
        byte[] bytes = new byte[CredentialCipher.KEY_BYTES];
        random.get().nextBytes(bytes);
        try {
            PrivateFiles.writeAtomically(file, bytes);
            return new SecretKeySpec(bytes, "AES");
        } catch (IOException e) {
            throw unreadable(e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private void checkPermissions() throws IOException {
        Optional<Set<PosixFilePermission>> permissions = PrivateFiles.permissions(file);
        if (permissions.isEmpty()) return;
        Set<PosixFilePermission> actual = permissions.get();
        if (!PrivateFiles.OWNER_RW.containsAll(actual)) {
            throw BatonException.builder(ErrorCode.VALIDATION, file + " has permissions "
                            + PosixFilePermissions.toString(actual) + "; a credentials key must be readable by its owner"
                            + " only (rw-------), so Baton refuses to use it")
                    .suggestion("run: chmod 600 " + file)
                    .build();
        }
    }

    private BatonException unreadable(IOException e) {
        return BatonException.builder(ErrorCode.VALIDATION, "cannot access credentials key " + file + ": " + e)
                .cause(e).build();
    }
}
