package dev.baton.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a library entry's files into a project's {@code .baton/} folder ({@code base}), each to
 * the same path it has under the library. A file that exists with other content is replaced only
 * when forced; otherwise nothing is copied at all, so an entry is never left half-installed. Each
 * file is written through a temporary file, so a reader never sees half of one.
 */
public final class LibraryCopier {

    /** What a copy does to one file. */
    public enum Action { created, unchanged, overwritten }

    /** Files that exist with other content, so an unforced copy refused to replace them. */
    public static final class ConflictException extends RuntimeException {
        private final transient List<Path> conflicts;

        ConflictException(String entry, List<Path> conflicts) {
            super("not copying '" + entry + "': " + String.join(", ", conflicts.stream().map(Path::toString).toList())
                    + " already exist" + (conflicts.size() == 1 ? "s" : "") + " with other content (force to overwrite)");
            this.conflicts = List.copyOf(conflicts);
        }

        public List<Path> conflicts() {
            return conflicts;
        }
    }

    private LibraryCopier() {
    }

    /** What copying {@code entry} into {@code base} would do to each of its files (library path → action), in order. */
    public static Map<String, Action> plan(Library.Entry entry, Path base) throws IOException {
        Map<String, Action> plan = new LinkedHashMap<>();
        for (String f : entry.files()) {
            Path target = base.resolve(f);
            if (!Files.exists(target)) plan.put(f, Action.created);
            else if (Arrays.equals(Files.readAllBytes(target), Library.bytes(f))) plan.put(f, Action.unchanged);
            else plan.put(f, Action.overwritten);
        }
        return plan;
    }

    /**
     * Copies {@code entry} into {@code base} and returns what was done to each file.
     *
     * @throws ConflictException when a file exists with other content and {@code force} is false (nothing is copied)
     */
    public static Map<String, Action> copy(Library.Entry entry, Path base, boolean force) throws IOException {
        Map<String, Action> plan = plan(entry, base);
        List<Path> conflicts = plan.entrySet().stream().filter(e -> e.getValue() == Action.overwritten)
                .map(e -> base.resolve(e.getKey())).toList();
        if (!conflicts.isEmpty() && !force) throw new ConflictException(entry.name(), conflicts);
        for (var e : plan.entrySet()) {
            if (e.getValue() != Action.unchanged) write(base.resolve(e.getKey()), Library.bytes(e.getKey()));
        }
        return plan;
    }

    private static void write(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".library-", ".tmp");
        try {
            Files.write(tmp, content);
            boolean script = target.toString().endsWith(".py") || target.toString().endsWith(".sh");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(script ? "rwxr-xr-x" : "rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                if (script) tmp.toFile().setExecutable(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
