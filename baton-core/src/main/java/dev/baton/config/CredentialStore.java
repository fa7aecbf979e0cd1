package dev.baton.config;

import dev.baton.secret.Secret;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.Supplier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Provider API keys kept on disk, encrypted. Layout in the user configuration directory:
 * <ul>
 *   <li>{@code credentials.enc}: the keys as JSON sealed with AES-256-GCM (fresh random IV on every
 *       write), mode {@code 0600};</li>
 *   <li>{@code credentials.key}: the 256-bit key, created {@code 0600}; refused when group or
 *       others may access it;</li>
 *   <li>{@code credentials.lock}: empty, locked while a write is in progress so that concurrent
 *       {@code baton} processes do not lose each other's changes.</li>
 * </ul>
 * The directory is created {@code 0700} when missing. Every write replaces the file atomically
 * (temporary file and rename), so a crash leaves the old or the new content. A file that fails
 * to decrypt (corrupted, modified, or sealed with another key) is reported naming the file, never
 * silently ignored. Keys never appear in messages, {@code toString()} or listings, which show at
 * most the last four characters.
 *
 * <p>Safe for concurrent use by threads and by processes. Reads take no lock.
 */
public final class CredentialStore {

    public static final String DATA_FILE = "credentials.enc";
    public static final String KEY_FILE = "credentials.key";
    public static final String LOCK_FILE = "credentials.lock";
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LOCK_RETRY = Duration.ofMillis(5);

    private final Path dir;
    private final Path dataFile;
    private final CredentialKeyFile keyFile;
    private final CredentialCipher cipher;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();

    /** A store in {@code userConfigDir} (e.g. {@code ~/.config/baton}); nothing is created until a write. */
    public CredentialStore(Path userConfigDir) {
        this(userConfigDir, Clock.systemUTC());
    }

    /** As {@link #CredentialStore(Path)}, stamping {@code addedAt} from {@code clock}. */
    public CredentialStore(Path userConfigDir, Clock clock) {
        this.dir = userConfigDir.toAbsolutePath();
        this.dataFile = dir.resolve(DATA_FILE);
        Supplier<SecureRandom> random = new LazyRandom(); // seeded on the first write, not by reads
        this.keyFile = new CredentialKeyFile(dir.resolve(KEY_FILE), random);
        this.cipher = new CredentialCipher(random);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The encrypted credentials file. */
    public Path file() {
        return dataFile;
    }

    /** The key file. */
    public Path keyFile() {
        return keyFile.path();
    }

    /** Stores {@code key} for {@code provider}, replacing any key stored for it before. */
    public void put(String provider, Secret key) {
        String name = providerName(provider);
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        update(doc -> doc.with(name, new CredentialsDocument.Entry(key.reveal(), now)));
    }

    /** The key stored for {@code provider}, if any. */
    public Optional<Secret> get(String provider) {
        CredentialsDocument.Entry entry = read().credentials().get(providerName(provider));
        return entry == null ? Optional.empty() : Optional.ofNullable(Secret.ofNullable(entry.key()));
    }

    /** Removes the key stored for {@code provider}; false when there was none. */
    public boolean remove(String provider) {
        String name = providerName(provider);
        // Nothing to remove: answer without creating the directory, key or lock file.
        if (!read().credentials().containsKey(name)) return false;
        boolean[] removed = {false};
        update(doc -> {
            removed[0] = doc.credentials().containsKey(name);
            return removed[0] ? doc.without(name) : doc;
        });
        return removed[0];
    }

    /** Every stored key as provider, hint (last four characters at most) and time stored, by provider. */
    public List<StoredCredential> list() {
        return read().credentials().entrySet().stream()
                .map(e -> new StoredCredential(e.getKey(), hint(e.getValue()), e.getValue().addedAt()))
                .toList();
    }

    private static String hint(CredentialsDocument.Entry entry) {
        Secret secret = Secret.ofNullable(entry.key());
        return secret == null ? "****" : secret.hint();
    }

    private void update(UnaryOperator<CredentialsDocument> change) {
        writeLock.lock();
        try {
            PrivateFiles.ensureDirectory(dir);
            try (FileChannel channel = PrivateFiles.openLockFile(dir.resolve(LOCK_FILE));
                 FileLock ignored = lock(channel)) {
                CredentialsDocument before = read();
                CredentialsDocument after = change.apply(before);
                if (after != before) write(after);
            }
        } catch (IOException e) {
            throw BatonException.builder(ErrorCode.VALIDATION, "cannot write credentials in " + dir + ": " + e)
                    .cause(e).build();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Locks the lock file against other processes. File locks belong to the whole JVM, so another
     * store instance on the same directory in this JVM shows up as an overlapping lock: wait for it.
     */
    private FileLock lock(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("timed out after " + LOCK_TIMEOUT.toSeconds() + "s waiting for "
                            + dir.resolve(LOCK_FILE), e);
                }
                try {
                    Thread.sleep(LOCK_RETRY);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + dir.resolve(LOCK_FILE), interrupted);
                }
            }
        }
    }

    private CredentialsDocument read() {
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(dataFile);
        } catch (NoSuchFileException e) {
            return CredentialsDocument.empty();
        } catch (IOException e) {
            throw BatonException.builder(ErrorCode.VALIDATION, "cannot read " + dataFile + ": " + e).cause(e).build();
        }
        SecretKey key = keyFile.read().orElseThrow(() -> CredentialCipher.corrupted(dataFile, dataFile
                + " exists but its key " + keyFile.path() + " is missing, so the stored credentials cannot be decrypted"));
        byte[] plaintext = cipher.open(key, sealed, dataFile, keyFile.path());
        try {
            CredentialsDocument doc = Mapper.JSON.readValue(plaintext, CredentialsDocument.class);
            if (doc == null) throw CredentialCipher.corrupted(dataFile, dataFile + " holds no credentials document");
            if (doc.version() > CredentialsDocument.CURRENT_VERSION) {
                throw CredentialCipher.corrupted(dataFile, dataFile + " was written by a newer Baton (format version "
                        + doc.version() + ")");
            }
            return doc;
        } catch (JacksonException e) {
            // The message of a JSON error could quote plaintext: report only where it failed.
            throw CredentialCipher.corrupted(dataFile, dataFile + " decrypted to malformed JSON");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private void write(CredentialsDocument doc) throws IOException {
        SecretKey key = keyFile.readOrCreate();
        byte[] plaintext = Mapper.JSON.writeValueAsBytes(doc);
        try {
            PrivateFiles.writeAtomically(dataFile, cipher.seal(key, plaintext));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static String providerName(String provider) {
        if (provider == null || provider.isBlank()) throw new IllegalArgumentException("provider name is empty");
        String name = provider.strip();
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("provider name contains control characters");
        }
        return name;
    }

    /** A SecureRandom made on first use: seeding one initialises the security providers. */
    private static final class LazyRandom implements Supplier<SecureRandom> {
        private volatile SecureRandom random;

        @Override
        public SecureRandom get() {
            SecureRandom r = random;
            if (r == null) {
                synchronized (this) {
                    if (random == null) random = new SecureRandom();
                    r = random;
                }
            }
            return r;
        }
    }

    /** Built on the first read or write of the file: most processes never touch it. */
    private static final class Mapper {
        static final ObjectMapper JSON = JsonMapper.builder().build();
    }
}
