package dev.baton.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Files only their owner may read: directories are created {@code rwx------}, files
 * {@code rw-------}, with the permissions given at creation (never loosened then tightened), and
 * every write goes to a private temporary file in the same directory that is then renamed over the
 * target atomically, so readers see the old content or the new, never a mix. Where the file system
 * has no POSIX permissions (Windows), the platform's default access control applies.
 */
final class PrivateFiles {

    static final Set<PosixFilePermission> OWNER_RW =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    static final Set<PosixFilePermission> OWNER_RWX = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private PrivateFiles() {
    }

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} owner-only when missing; its missing parents get default permissions. */
    static void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try {
            Files.createDirectory(dir, attributes(dir, OWNER_RWX));
        } catch (FileAlreadyExistsException e) {
            // another process made it between the check and the creation
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    /** Replaces {@code target} with {@code content}: owner-only temp file, fsync, atomic rename. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp", attributes(dir, OWNER_RW));
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) out.write(buffer);
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Opens (creating owner-only if needed) a file used only for locking. */
    static FileChannel openLockFile(Path file) throws IOException {
        if (posix(file)) {
            return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(OWNER_RW));
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** The POSIX permissions of {@code file}, or empty where the file system has none. */
    static Optional<Set<PosixFilePermission>> permissions(Path file) throws IOException {
        return posix(file) ? Optional.of(Files.getPosixFilePermissions(file)) : Optional.empty();
    }

    private static FileAttribute<?>[] attributes(Path where, Set<PosixFilePermission> permissions) {
        return posix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
