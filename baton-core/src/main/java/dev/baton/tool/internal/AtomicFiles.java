package dev.baton.tool.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes files so a reader sees the old content or the new, never half of either: the bytes go to
 * a temporary file in the same folder, are flushed to disk, and the file is renamed over the
 * target. Several files are staged first and renamed only when all were written, so a failure
 * while writing leaves every target as it was.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target}, creating its parent folders. */
    static void write(Path target, byte[] content) throws IOException {
        writeAll(Map.of(target, content));
    }

    /** Writes every target (null content deletes it), all staged before any is replaced. */
    static void writeAll(Map<Path, byte[]> contents) throws IOException {
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (var e : contents.entrySet()) {
                if (e.getValue() == null) continue;
                Path target = e.getKey();
                Files.createDirectories(target.getParent());
                Path temp = target.resolveSibling("." + target.getFileName() + ".baton-" + UUID.randomUUID() + ".tmp");
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    staged.put(target, temp);
                    ch.write(java.nio.ByteBuffer.wrap(e.getValue()));
                    ch.force(true);
                }
                copyPermissions(target, temp);
            }
        } catch (IOException | RuntimeException e) {
            for (Path temp : staged.values()) Files.deleteIfExists(temp);
            throw e;
        }
        List<Path> deletions = new ArrayList<>();
        contents.forEach((target, content) -> {
            if (content == null) deletions.add(target);
        });
        for (var e : staged.entrySet()) move(e.getValue(), e.getKey());
        for (Path target : deletions) Files.deleteIfExists(target);
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            if (Files.isRegularFile(from)) Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (IOException | UnsupportedOperationException e) {
            // not POSIX or not permitted: the new file keeps default permissions
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
