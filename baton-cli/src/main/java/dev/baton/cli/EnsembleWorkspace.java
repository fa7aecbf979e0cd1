package dev.baton.cli;

import dev.baton.config.BatonPaths;
import dev.baton.ensemble.AgentModels;
import dev.baton.ensemble.DirectoryEnsembleCatalog;
import dev.baton.ensemble.EngineOptions;
import dev.baton.ensemble.EnsembleLoader;
import dev.baton.ensemble.EnsembleParser;
import dev.baton.ensemble.EnsembleValidator;
import dev.baton.ensemble.ScriptResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where the ensemble commands find things: ensembles (the project's {@code .baton/ensembles}, then
 * the user tier's {@code ensembles}), scripts, and artifacts (the project's {@code .baton/artifacts};
 * outside a project the data directory's {@code artifacts}, so a run never turns the working
 * directory into a project). Also builds the loader and engine options over those places.
 */
final class EnsembleWorkspace {

    static final String ENSEMBLES = "ensembles";

    private final BatonPaths paths;
    private final EnsembleParser parser = new EnsembleParser();

    EnsembleWorkspace(BatonPaths paths) {
        this.paths = paths;
    }

    BatonPaths paths() {
        return paths;
    }

    Path projectRoot() {
        return paths.projectRoot();
    }

    /** Where {@code ensembles create} writes: the project's ensembles folder (the working directory's when there is no project). */
    Path projectEnsembleDir() {
        return paths.projectDir().orElse(paths.workingDir().resolve(BatonPaths.PROJECT_DIR_NAME)).resolve(ENSEMBLES);
    }

    Path userEnsembleDir() {
        return paths.userConfigDir().resolve(ENSEMBLES);
    }

    /** The folders searched for ensembles, project tier first. */
    List<Path> ensembleDirs() {
        List<Path> dirs = new ArrayList<>();
        paths.projectDir().ifPresent(d -> dirs.add(d.resolve(ENSEMBLES)));
        dirs.add(userEnsembleDir());
        return dirs;
    }

    Path userScriptsDir() {
        return paths.userConfigDir().resolve("scripts");
    }

    /** The root the artifact writer and store use. */
    Path artifactsRoot() {
        return paths.projectDir().map(d -> d.resolve("artifacts")).orElse(paths.dataDir().resolve("artifacts"));
    }

    DirectoryEnsembleCatalog catalog() {
        return new DirectoryEnsembleCatalog(ensembleDirs(), parser);
    }

    ScriptResolver scripts() {
        return new ScriptResolver(projectRoot(), userScriptsDir());
    }

    /**
     * A loader that checks scripts and child ensembles, and profiles and providers against
     * {@code models} (null: any profile is accepted, as for tests on scripted models).
     */
    EnsembleLoader loader(AgentModels models) {
        EnsembleValidator.Options options = EnsembleValidator.Options.defaults().withCatalog(catalog())
                .withScripts(scripts());
        if (models != null) options = options.withModels(models);
        return new EnsembleLoader(parser, new EnsembleValidator(options));
    }

    /** Engine options for runs in this workspace: catalog, project directory and user scripts. */
    EngineOptions.Builder engineOptions(AgentModels models) {
        return EngineOptions.builder(models).catalog(catalog()).projectDir(projectRoot())
                .userScriptsDir(userScriptsDir()).scriptRecordDir(paths.dataDir().resolve("running-scripts"));
    }

    /**
     * The file of ensemble {@code nameOrPath}: an existing YAML path (relative to the working
     * directory), else {@code NAME.yaml}/{@code NAME.yml} in the ensemble folders, else a file
     * whose {@code name:} is NAME. A name that matches nothing is a usage error listing the known ones.
     */
    Path locate(String nameOrPath) {
        Optional<Path> asFile = asFile(nameOrPath);
        if (asFile.isPresent()) return asFile.get();
        for (Path dir : ensembleDirs()) {
            for (String ext : List.of(".yaml", ".yml")) {
                Path candidate = dir.resolve(nameOrPath + ext);
                if (Files.isRegularFile(candidate)) return candidate;
            }
        }
        for (EnsembleParser.Parsed p : catalog().listAll()) {
            if (p.spec() != null && p.spec().name().equals(nameOrPath) && p.spec().source() != null) {
                return p.spec().source();
            }
        }
        throw UsageException.notFound("no ensemble '" + nameOrPath + "' (looked in " + ensembleDirs() + "; known: "
                + String.join(", ", knownNames()) + ")");
    }

    private Optional<Path> asFile(String arg) {
        try {
            Path p = paths.workingDir().resolve(arg);
            boolean looksLikePath = arg.endsWith(".yaml") || arg.endsWith(".yml") || arg.contains("/")
                    || arg.contains(java.io.File.separator);
            return looksLikePath && Files.isRegularFile(p) ? Optional.of(p.normalize()) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Names of every ensemble that parses, sorted. */
    List<String> knownNames() {
        TreeSet<String> names = new TreeSet<>();
        for (EnsembleParser.Parsed p : catalog().listAll()) {
            if (p.spec() != null && p.spec().name() != null) names.add(p.spec().name());
        }
        return List.copyOf(names);
    }

    /** Which tier a file belongs to: {@code project}, {@code user} or {@code file}. */
    String tier(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (paths.projectDir().isPresent() && f.startsWith(paths.projectDir().get().resolve(ENSEMBLES))) return "project";
        if (f.startsWith(userEnsembleDir().toAbsolutePath().normalize())) return "user";
        return "file";
    }
}
