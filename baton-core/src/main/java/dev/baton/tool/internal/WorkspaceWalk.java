package dev.baton.tool.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks the regular files under a folder of the workspace the way git sees the tree: {@code .git}
 * is skipped, and so is whatever a {@code .gitignore} at any level from the workspace root down
 * ignores (a folder's own file applies below it, deeper files win over shallower ones). Entries
 * are visited in name order. Symlinks are not followed, so a walk never leaves the workspace.
 * Public because project memory indexes the same files the read tools see.
 */
public final class WorkspaceWalk {

    /** Called for each file; returns false to stop the walk. */
    public interface FileVisitor {
        boolean visit(Path file, String relativeToStart) throws IOException;
    }

    private record Level(Path dir, GitignoreRules rules) {
    }

    private final Path root;

    public WorkspaceWalk(Path root) {
        this.root = root;
    }

    /** Visits the files under {@code start} (or {@code start} itself when a file); false if stopped early. */
    public boolean files(Path start, FileVisitor visitor) throws IOException {
        Deque<Level> levels = new ArrayDeque<>();
        // the .gitignore files of the folders above the start apply too
        Path above = start.getParent();
        List<Path> ancestors = new ArrayList<>();
        for (Path p = above; p != null && p.startsWith(root); p = p.getParent()) ancestors.addFirst(p);
        for (Path p : ancestors) levels.addLast(new Level(p, rules(p)));
        if (Files.isRegularFile(start)) {
            if (ignored(levels, start, false)) return true;
            return visitor.visit(start, start.getFileName().toString());
        }
        return walk(start, start, levels, visitor);
    }

    /** Depth first, entries in name order so results are stable; false once the visitor stops. */
    private boolean walk(Path dir, Path start, Deque<Level> levels, FileVisitor visitor) throws IOException {
        levels.addLast(new Level(dir, rules(dir)));
        try {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(entries::add);
            } catch (IOException e) {
                return true; // unreadable folder: skipped, as git does
            }
            entries.sort(null);
            for (Path entry : entries) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue;
                }
                if (attrs.isDirectory()) {
                    if (entry.getFileName().toString().equals(".git") || ignored(levels, entry, true)) continue;
                    if (!walk(entry, start, levels, visitor)) return false;
                } else if (attrs.isRegularFile() && !ignored(levels, entry, false)) {
                    // symlinks are neither: never followed, so the walk stays in the workspace
                    if (!visitor.visit(entry, start.relativize(entry).toString().replace('\\', '/'))) return false;
                }
            }
            return true;
        } finally {
            levels.removeLast();
        }
    }

    /** The deepest level with an opinion decides; a folder's rules see paths relative to it. */
    private static boolean ignored(Deque<Level> levels, Path path, boolean folder) {
        var it = levels.descendingIterator();
        while (it.hasNext()) {
            Level level = it.next();
            if (!path.startsWith(level.dir()) || path.equals(level.dir())) continue;
            String rel = level.dir().relativize(path).toString().replace('\\', '/');
            GitignoreRules.Verdict v = level.rules().match(rel, folder);
            if (v != GitignoreRules.Verdict.UNDECIDED) return v == GitignoreRules.Verdict.IGNORED;
        }
        return false;
    }

    private static GitignoreRules rules(Path dir) throws IOException {
        Path file = dir.resolve(".gitignore");
        if (!Files.isRegularFile(file)) return GitignoreRules.parse("");
        try {
            return GitignoreRules.parse(Files.readString(file));
        } catch (IOException e) {
            return GitignoreRules.parse(""); // unreadable or not UTF-8: no rules rather than no search
        }
    }
}
