package dev.baton.artifact.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Crash-safe file replacement: the content goes to a temporary file in the same directory, is
 * forced to disk, then renamed over the target with {@code ATOMIC_MOVE}. A reader (or a process
 * killed half-way) sees the old file or the new one, never a partial one.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        writeAll(java.util.Map.of(target, content));
    }

    /**
     * Replaces each file of {@code contents} (all in one directory) as {@link #write} does, renaming
     * them in the map's order, with one directory sync after the last rename instead of one per file.
     */
    public static void writeAll(java.util.Map<Path, byte[]> contents) throws IOException {
        if (contents.isEmpty()) return;
        Path dir = contents.keySet().iterator().next().toAbsolutePath().getParent();
        java.util.Map<Path, Path> temps = new java.util.LinkedHashMap<>();
        try {
            for (var e : contents.entrySet()) {
                if (!e.getKey().toAbsolutePath().getParent().equals(dir)) {
                    throw new IllegalArgumentException(e.getKey() + " is not in " + dir);
                }
                Path tmp = dir.resolve("." + e.getKey().getFileName() + "." + UUID.randomUUID() + ".tmp");
                temps.put(e.getKey(), tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(e.getValue());
                    while (buf.hasRemaining()) ch.write(buf);
                    ch.force(true);
                }
            }
            for (var e : temps.entrySet()) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            for (Path tmp : temps.values()) Files.deleteIfExists(tmp);
        }
    }

    /**
     * Points {@code link} at {@code target} (a sibling name) by atomically replacing a symbolic
     * link; where symbolic links cannot be made, {@code link} becomes a text file holding the name.
     */
    public static void pointTo(Path link, String target) throws IOException {
        pointTo(link, target, true);
    }

    /**
     * {@link #pointTo(Path, String)}; with {@code durable} false the directory is not synced after
     * the rename (the caller syncs it with {@link #syncDirectory}, e.g. outside a lock).
     */
    public static void pointTo(Path link, String target, boolean durable) throws IOException {
        Path dir = link.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + link.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createSymbolicLink(tmp, Path.of(target));
            if (Files.isDirectory(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(link + " is a directory");
            }
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (durable) syncDirectory(dir);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.deleteIfExists(tmp);
            write(link, (target + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The name {@code link} points at (symbolic link or text file), or null when there is none. */
    public static String readPointer(Path link) throws IOException {
        if (Files.isSymbolicLink(link)) return Files.readSymbolicLink(link).getFileName().toString();
        if (Files.isRegularFile(link)) return Files.readString(link).strip();
        return null;
    }

    /** Forces {@code dir}'s entries (renames, new files) to disk; best effort where a directory cannot be opened. */
    public static void syncDirectory(Path dir) {
        // makes the rename itself durable on Linux; not all platforms allow opening a directory
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }
}
