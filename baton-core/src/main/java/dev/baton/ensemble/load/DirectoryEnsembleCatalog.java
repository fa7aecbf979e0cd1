package dev.baton.ensemble.load;

import dev.baton.ensemble.spec.EnsembleSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Ensembles stored as YAML files under one or more directories, searched in order (project tier
 * first, then user tier). {@code find("x")} looks for {@code x.yaml} / {@code x.yml} (names may
 * contain {@code /} for subfolders), then for any YAML file whose {@code name:} is {@code x}.
 */
public final class DirectoryEnsembleCatalog implements EnsembleCatalog {

    private final List<Path> directories;
    private final EnsembleParser parser;

    public DirectoryEnsembleCatalog(List<Path> directories, EnsembleParser parser) {
        this.directories = List.copyOf(directories);
        this.parser = parser;
    }

    @Override
    public Optional<EnsembleSpec> find(String name) {
        for (Path dir : directories) {
            for (String ext : List.of(".yaml", ".yml")) {
                Path candidate = dir.resolve(name + ext);
                if (Files.isRegularFile(candidate)) return Optional.of(parsed(candidate));
            }
        }
        for (EnsembleParser.Parsed p : listAll()) {
            if (p.spec() != null && p.spec().name().equals(name)) {
                if (!p.ok()) throw new EnsembleDefinitionException(p.problems());
                return Optional.of(p.spec());
            }
        }
        return Optional.empty();
    }

    /** Every YAML file under the directories, parsed (with its problems), in directory order. */
    public List<EnsembleParser.Parsed> listAll() {
        List<EnsembleParser.Parsed> all = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> Files.isRegularFile(f) && isYaml(f)).sorted()
                        .forEach(f -> all.add(parser.parse(f)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list ensembles in " + dir, e);
            }
        }
        return all;
    }

    private EnsembleSpec parsed(Path file) {
        EnsembleParser.Parsed p = parser.parse(file);
        if (!p.ok()) throw new EnsembleDefinitionException(p.problems());
        return p.spec();
    }

    private static boolean isYaml(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }
}
