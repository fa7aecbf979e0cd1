package dev.baton.ensemble.service.internal;

import dev.baton.config.BatonPaths;
import dev.baton.ensemble.load.DirectoryEnsembleCatalog;
import dev.baton.ensemble.load.EnsembleParser;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.ensemble.service.Tier;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where ensembles, scripts and artifacts live for one set of {@link BatonPaths}: ensembles in the
 * project's {@code .baton/ensembles}, then its {@code .llm-orc/ensembles}, then the user tier's
 * {@code ensembles}, then llm-orc's global {@code ensembles} (each searched with its category
 * subfolders; the first of a name wins); user scripts in the
 * user tier's {@code scripts}; artifacts in the project's {@code .baton/artifacts}, outside a project
 * the data directory's {@code artifacts} (so a run never turns the working directory into a project).
 */
public final class EnsembleLocations {

    static final String ENSEMBLES = "ensembles";

    private final BatonPaths paths;
    private final EnsembleParser parser;

    public EnsembleLocations(BatonPaths paths, EnsembleParser parser) {
        this.paths = paths;
        this.parser = parser;
    }

    public BatonPaths paths() {
        return paths;
    }

    public Path projectRoot() {
        return paths.projectRoot();
    }

    public Path projectEnsembleDir() {
        return paths.projectDirForWriting().resolve(ENSEMBLES);
    }

    Path userEnsembleDir() {
        return paths.userConfigDir().resolve(ENSEMBLES);
    }

    /** The folders searched for ensembles, project tier first. */
    public List<Path> ensembleDirs() {
        List<Path> dirs = new ArrayList<>();
        paths.projectDir().ifPresent(d -> dirs.add(d.resolve(ENSEMBLES)));
        paths.llmOrcDir().ifPresent(d -> dirs.add(d.resolve(ENSEMBLES)));
        dirs.add(userEnsembleDir());
        paths.llmOrcUserDir().ifPresent(d -> dirs.add(d.resolve(ENSEMBLES)));
        return dirs;
    }

    public Path userScriptsDir() {
        return paths.userConfigDir().resolve("scripts");
    }

    public Path artifactsRoot() {
        return paths.projectDir().map(d -> d.resolve("artifacts")).orElse(paths.dataDir().resolve("artifacts"));
    }

    /** Where running scripts are recorded, so a later run can reap what a killed JVM left. */
    public Path scriptRecordDir() {
        return paths.dataDir().resolve("running-scripts");
    }

    public DirectoryEnsembleCatalog catalog() {
        return new DirectoryEnsembleCatalog(ensembleDirs(), parser);
    }

    /** See {@link dev.baton.ensemble.service.Ensembles#locate}. */
    public Path locate(String nameOrPath) {
        Optional<Path> asFile = asFile(nameOrPath);
        if (asFile.isPresent()) return asFile.get();
        for (Path dir : ensembleDirs()) {
            for (String ext : List.of(".yaml", ".yml")) {
                Path candidate = dir.resolve(nameOrPath + ext);
                if (Files.isRegularFile(candidate)) return candidate;
            }
        }
        List<EnsembleParser.Parsed> all = catalog().listAll();
        for (EnsembleParser.Parsed p : all) {
            if (p.spec() != null && p.spec().name().equals(nameOrPath) && p.spec().source() != null) {
                return p.spec().source();
            }
        }
        throw new EnsembleNotFoundException(nameOrPath, ensembleDirs(), knownNames(all));
    }

    private Optional<Path> asFile(String arg) {
        try {
            Path p = paths.workingDir().resolve(arg);
            boolean looksLikePath = arg.endsWith(".yaml") || arg.endsWith(".yml") || arg.contains("/")
                    || arg.contains(File.separator);
            return looksLikePath && Files.isRegularFile(p) ? Optional.of(p.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Names of every ensemble that parses, sorted. */
    private static List<String> knownNames(List<EnsembleParser.Parsed> all) {
        TreeSet<String> names = new TreeSet<>();
        for (EnsembleParser.Parsed p : all) {
            if (p.spec() != null && p.spec().name() != null) names.add(p.spec().name());
        }
        return List.copyOf(names);
    }

    /** Which tier a file belongs to. */
    public Tier tier(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (paths.projectDir().isPresent() && f.startsWith(paths.projectDir().get().resolve(ENSEMBLES))) return Tier.PROJECT;
        if (within(f, paths.llmOrcDir())) return Tier.LLM_ORC;
        if (f.startsWith(userEnsembleDir().toAbsolutePath().normalize())) return Tier.USER;
        if (within(f, paths.llmOrcUserDir())) return Tier.LLM_ORC_USER;
        return Tier.FILE;
    }

    private static boolean within(Path file, Optional<Path> llmOrcFolder) {
        return llmOrcFolder.isPresent() && file.startsWith(llmOrcFolder.get().resolve(ENSEMBLES).toAbsolutePath().normalize());
    }
}
