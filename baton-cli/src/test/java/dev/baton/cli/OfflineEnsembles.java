package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.load.DirectoryEnsembleCatalog;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.load.EnsembleLoader;
import dev.baton.ensemble.load.KnownTools;
import dev.baton.ensemble.load.EnsembleParser;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.testing.EnsembleTestRunner;
import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.agent.ScriptResolver;
import dev.baton.ensemble.testing.TestCaseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A project's {@code .baton/ensembles} loaded, validated and run through the engine with the
 * models Baton configures for that project and environment (offline without API keys).
 */
final class OfflineEnsembles implements AutoCloseable {

    private final Baton baton;
    private final Path projectRoot;
    private final Path ensembles;
    private final EnsembleLoader loader;
    private final EngineOptions options;

    OfflineEnsembles(Path workDir, Map<String, String> env) {
        BatonPaths paths = BatonPaths.discover(workDir, env);
        this.baton = Baton.builder(paths, env).build();
        this.projectRoot = paths.projectRoot();
        this.ensembles = projectRoot.resolve(".baton/ensembles");
        Path userScripts = paths.userConfigDir().resolve("scripts");
        AgentModels models = baton.agentModels();
        DirectoryEnsembleCatalog catalog = new DirectoryEnsembleCatalog(List.of(ensembles), new EnsembleParser());
        this.loader = new EnsembleLoader(new EnsembleParser(), new EnsembleValidator(EnsembleValidator.Options.defaults()
                .withModels(models).withCatalog(catalog).withScripts(new ScriptResolver(projectRoot, userScripts))
                .withTools(() -> new KnownTools(baton.tools().registry().all().stream().map(e -> e.tool().name())
                        .collect(java.util.stream.Collectors.toSet()), java.util.Set.of()))));
        this.options = EngineOptions.builder(models).catalog(catalog).projectDir(projectRoot)
                .userScriptsDir(userScripts).defaultTimeout(Duration.ofSeconds(30)).tools(baton.tools()).build();
    }

    /** The ensemble files, sorted by name. */
    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(ensembles)) {
            return s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    EnsembleSpec load(String name) {
        return loader.load(ensembles.resolve(name + ".yaml"));
    }

    EnsembleSpec load(Path file) {
        return loader.load(file);
    }

    RunResult run(EnsembleSpec spec, String input) {
        return new EnsembleEngine(options).run(spec, input);
    }

    List<TestCaseResult> runTests(EnsembleSpec spec) {
        AgentModels real = options.models();
        return new EnsembleTestRunner(options, replies -> TestReplyModels.of(real, replies)).run(spec);
    }

    Path projectRoot() {
        return projectRoot;
    }

    @Override
    public void close() {
        baton.close();
    }
}
