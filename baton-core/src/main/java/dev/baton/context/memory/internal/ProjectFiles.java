package dev.baton.context.memory.internal;

import dev.baton.tool.internal.WorkspaceWalk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a project as git sees them ({@code .git} and everything a {@code .gitignore} at
 * any level ignores left out), with their modification time and size, and the folders to leave
 * out besides (Baton's own data folder when it lies inside the project).
 */
final class ProjectFiles {

    /** A file's path relative to the root ('/'-separated), its modification time and size. */
    record Entry(String path, Path file, long modifiedMs, long size) {
    }

    private ProjectFiles() {
    }

    /** Every file under {@code root} not ignored and not under one of {@code excluded}, by path. */
    static Map<String, Entry> list(Path root, java.util.List<Path> excluded) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        new WorkspaceWalk(root).files(root, (file, relative) -> {
            for (Path x : excluded) if (file.startsWith(x)) return true;
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            out.put(relative, new Entry(relative, file, a.lastModifiedTime().toMillis(), a.size()));
            return true;
        });
        return out;
    }
}
