package dev.baton.operation.internal;

import dev.baton.config.BatonPaths;
import dev.baton.operation.OperationEntry;
import dev.baton.operation.OperationProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operation definition files of one set of {@link BatonPaths}: {@code *.yaml} and {@code *.yml}
 * in the project's {@code .baton/operations}, then in the user tier's {@code operations}; each
 * tier's operations sorted by id. Read afresh on every call (the files are small, and a file added
 * while a server runs must be seen without a restart).
 */
public final class OperationFiles {

    public static final String OPERATIONS = "operations";

    /** Every operation read (in tier order) and every problem found. */
    public record Read(List<OperationEntry> entries, List<OperationProblem> problems) {
    }

    private final BatonPaths paths;
    private final OperationFileParser parser;

    public OperationFiles(BatonPaths paths, OperationFileParser parser) {
        this.paths = paths;
        this.parser = parser;
    }

    /** The folders searched, project tier first. */
    public List<Path> directories() {
        List<Path> dirs = new ArrayList<>();
        paths.projectDir().ifPresent(d -> dirs.add(d.resolve(OPERATIONS)));
        dirs.add(paths.userConfigDir().resolve(OPERATIONS));
        return dirs;
    }

    public Read read() {
        List<OperationEntry> entries = new ArrayList<>();
        List<OperationProblem> problems = new ArrayList<>();
        List<Path> dirs = directories();
        for (int i = 0; i < dirs.size(); i++) {
            String source = i == 0 && paths.projectDir().isPresent() ? OperationEntry.PROJECT : OperationEntry.USER;
            List<OperationEntry> tier = new ArrayList<>();
            for (Path file : files(dirs.get(i))) {
                OperationFileParser.Parsed parsed = parser.parse(file, source);
                tier.addAll(parsed.entries());
                problems.addAll(parsed.problems());
            }
            // stable: of two files of one tier defining one id, the first file's entry stays first
            tier.sort(java.util.Comparator.comparing(OperationEntry::id));
            entries.addAll(tier);
        }
        return new Read(entries, problems);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> {
                String n = f.getFileName().toString();
                return (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(f);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
