package dev.baton.ensemble.service.internal;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a file looks like from outside, to tell whether it changed since it was read: whether it
 * is a regular file, its size, modification and status-change times (ns), and its identity
 * (device and inode where the platform has them, so a file replaced by a rename differs). Two
 * states are equal when nothing of these moved.
 * <p>
 * A file modified less than {@link #RACY} ago also carries a digest of its content: file systems
 * keep times at a clock tick (several ms), so two writes of the same size within one tick leave
 * the times alone; the digest tells them apart. Once the file is older, its state drops the
 * digest (and so differs once from the state taken while it was new: one extra read, never a
 * missed change).
 */
record FileState(boolean regular, long size, long modifiedNs, @Nullable Object changed, @Nullable Object key,
                 @Nullable String digest) {

    /** How recently modified a file must be for its times alone not to be trusted. */
    static final Duration RACY = Duration.ofSeconds(2);

    /** No regular file there (absent, a folder, unreadable). */
    static final FileState NONE = new FileState(false, -1, 0, null, null, null);

    /** Whether the platform has the {@code unix} attribute view (status-change time, inode). */
    private static final boolean UNIX = supportsUnix();

    static FileState of(Path file) {
        try {
            boolean regular;
            long size, modified;
            Object changed = null, key;
            if (UNIX) {
                // one stat for all of it
                Map<String, Object> a = Files.readAttributes(file, "unix:isRegularFile,size,lastModifiedTime,ctime,ino,dev");
                regular = Boolean.TRUE.equals(a.get("isRegularFile"));
                size = ((Number) a.get("size")).longValue();
                modified = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
                changed = a.get("ctime") instanceof FileTime t ? t.to(TimeUnit.NANOSECONDS) : null;
                key = a.get("dev") + ":" + a.get("ino");
            } else {
                BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
                regular = basic.isRegularFile();
                size = basic.size();
                modified = basic.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                key = basic.fileKey();
            }
            if (!regular) return NONE;
            boolean racy = System.currentTimeMillis() * 1_000_000L - modified < RACY.toNanos();
            return new FileState(true, size, modified, changed, key, racy ? digest(file) : null);
        } catch (IOException | RuntimeException e) {
            return NONE; // absent or unreadable: a load would fail on it, and a later one compares again
        }
    }

    private static @Nullable String digest(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static boolean supportsUnix() {
        try {
            return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
