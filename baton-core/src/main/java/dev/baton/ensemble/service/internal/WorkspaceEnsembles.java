package dev.baton.ensemble.service.internal;

import dev.baton.ensemble.load.KnownTools;
import dev.baton.tool.Tools;

import dev.baton.artifact.internal.ArtifactWriter;
import dev.baton.config.BatonPaths;
import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.agent.ModelChoice;
import dev.baton.ensemble.run.internal.BatchRunner;
import dev.baton.ensemble.spec.BudgetSpec;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.load.EnsembleLoader;
import dev.baton.ensemble.load.EnsembleParser;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.testing.EnsembleTestRunner;
import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunListener;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.agent.ScriptResolver;
import dev.baton.ensemble.service.Artifacts;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.ensemble.service.Scripts;
import dev.baton.ensemble.service.TestOutcome;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@link Ensembles} over one workspace ({@link EnsembleLocations}) and one source of models: the
 * loader, engine, batch and test runners are built here, once, so no face builds them.
 */
public final class WorkspaceEnsembles implements Ensembles, AutoCloseable {

    private final EnsembleLocations locations;
    private final Supplier<AgentModels> models;
    private final Supplier<Tools> tools;
    private final EnsembleParser parser = new EnsembleParser();
    private final RunIndex index;
    private final ScriptCatalog scripts;
    private final Artifacts artifacts;
    /** Team mode: the run's documents go to the store, not only to the files and the local index. */
    private final boolean shared;
    private final ZoneId zone;
    private final java.util.function.UnaryOperator<EngineOptions.Builder> engineExtras;
    private final ReentrantLock engineLock = new ReentrantLock();
    private final EnsembleLoadCache loads = new EnsembleLoadCache(this::recordingLoader, this::resolveScript);
    private volatile EnsembleEngine engine;
    /**
     * One engine per set of call labels ({@link RunOptions#callMetadata()}), its models labelling
     * every call, so child runs carry the labels too. Few sets exist (one per API key calling).
     */
    private final Map<Map<String, String>, EnsembleEngine> labelledEngines = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param models   the models LLM agents call (asked on first use)
     * @param database the SQLite file of the run index
     * @param zone     names the artifact directories
     */
    public WorkspaceEnsembles(BatonPaths paths, Supplier<AgentModels> models, Path database, ZoneId zone) {
        this(paths, models, () -> null, database, zone);
    }

    /**
     * @param tools the tool service LLM agents with {@code tools:} use, and that validation checks
     *              their names against (asked on first use; null from the supplier: no tools)
     */
    public WorkspaceEnsembles(BatonPaths paths, Supplier<AgentModels> models, Supplier<Tools> tools, Path database,
                              ZoneId zone) {
        this(paths, models, tools, database, zone, java.util.function.UnaryOperator.identity());
    }

    /** @param engine adds to the engine's options (the Baton's telemetry and run observers) */
    public WorkspaceEnsembles(BatonPaths paths, Supplier<AgentModels> models, Supplier<Tools> tools, Path database,
                              ZoneId zone, java.util.function.UnaryOperator<EngineOptions.Builder> engine) {
        this(paths, models, tools, database, zone, engine, null);
    }

    /**
     * @param teamStore in team mode, the store's connections (asked on first use of artifacts),
     *                  where every run's documents go; null: local files and the run index
     */
    public WorkspaceEnsembles(BatonPaths paths, Supplier<AgentModels> models, Supplier<Tools> tools, Path database,
                              ZoneId zone, java.util.function.UnaryOperator<EngineOptions.Builder> engine,
                              Supplier<javax.sql.DataSource> teamStore) {
        this.engineExtras = engine;
        this.locations = new EnsembleLocations(paths, parser);
        this.models = models;
        this.tools = tools;
        this.index = new RunIndex(database);
        this.scripts = new ScriptCatalog(paths);
        this.zone = zone;
        this.shared = teamStore != null;
        this.artifacts = teamStore == null ? new DiskArtifacts(locations.artifactsRoot(), index, zone)
                : new StoreArtifacts(locations.artifactsRoot(), documents(teamStore, paths, locations.artifactsRoot()), zone);
    }

    /** The store's documents of this project's runs, opened once, on first use. */
    private static Supplier<dev.baton.artifact.internal.JdbcArtifactDocuments> documents(
            Supplier<javax.sql.DataSource> store, BatonPaths paths, Path root) {
        String project = paths.projectRoot().toAbsolutePath().normalize().toString();
        String replica = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        return new Supplier<>() {
            private volatile dev.baton.artifact.internal.JdbcArtifactDocuments documents;

            @Override
            public dev.baton.artifact.internal.JdbcArtifactDocuments get() {
                dev.baton.artifact.internal.JdbcArtifactDocuments d = documents;
                if (d == null) documents = d = new dev.baton.artifact.internal.JdbcArtifactDocuments(store.get(), root, project, replica);
                return d;
            }
        };
    }

    @Override
    public List<Path> directories() {
        return locations.ensembleDirs();
    }

    @Override
    public Path projectDirectory() {
        return locations.projectEnsembleDir();
    }

    @Override
    public List<EnsembleEntry> list() {
        List<EnsembleEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EnsembleParser.Parsed p : locations.catalog().listAll()) {
            EnsembleEntry e = entry(p);
            entries.add(new EnsembleEntry(e.name(), e.file(), e.tier(), e.spec(), e.problems(), !seen.add(e.name())));
        }
        return entries;
    }

    @Override
    public Path locate(String nameOrPath) {
        return locations.locate(nameOrPath);
    }

    @Override
    public EnsembleEntry read(Path file) {
        return entry(parser.parse(file));
    }

    private EnsembleEntry entry(EnsembleParser.Parsed p) {
        Path file = p.spec() != null && p.spec().source() != null ? p.spec().source() : Path.of(p.problems().getFirst().file());
        String name = p.spec() != null && p.spec().name() != null ? p.spec().name() : file.getFileName().toString();
        return new EnsembleEntry(name, file, locations.tier(file), p.spec(), p.problems(), false);
    }

    /** Loads are cached per file while what they depend on stays the same ({@link EnsembleLoadCache}). */
    @Override
    public EnsembleSpec load(String nameOrPath) {
        return loads.load(locate(nameOrPath));
    }

    @Override
    public void prepare(EnsembleSpec spec) {
        Set<String> profiles = new java.util.LinkedHashSet<>();
        for (AgentSpec agent : spec.agents()) {
            ModelChoice choice = ModelChoice.of(agent);
            if (choice == null) continue;
            profiles.add(choice.profile() != null || choice.provider() != null ? choice.label() : "default");
            if (agent.fallbackModelProfile() != null) profiles.add(agent.fallbackModelProfile());
        }
        if (!profiles.isEmpty()) models.get().prepare(profiles);
        if (!shared) Thread.ofVirtual().name("baton-prepare-index").start(() -> {
            try {
                index.get(); // the run index, written when the run completes
            } catch (RuntimeException ignored) {
                // the run's own index entry meets it again and reports it
            }
        });
    }

    @Override
    public List<Problem> validate(Path file) {
        return loader(models.get()).check(file);
    }

    /**
     * A loader that checks scripts and child ensembles, and profiles and providers against
     * {@code models} (null: any profile is accepted, as for tests on scripted models).
     */
    private EnsembleLoader loader(AgentModels models) {
        EnsembleValidator.Options options = EnsembleValidator.Options.defaults().withCatalog(locations.catalog())
                .withScripts(scriptResolver());
        if (models != null) options = options.withModels(models);
        options = options.withTools(this::knownTools);
        return new EnsembleLoader(parser, new EnsembleValidator(options));
    }

    /**
     * {@link #loader} with every question it asks outside the file (child ensembles, profiles,
     * providers, task types, the default profile, tools) noted in {@code inputs}, each asked of
     * the models then current, so a cached load is checked against what holds now.
     */
    private EnsembleLoader recordingLoader(LoadInputs inputs) {
        EnsembleValidator.Options options = EnsembleValidator.Options.defaults()
                .withCatalog(inputs.recording(locations.catalog(), locations.ensembleDirs()))
                .withScripts(scriptResolver());
        if (models.get() != null) {
            options = new EnsembleValidator.Options(
                    p -> inputs.note(() -> ask(m -> m.hasProfile(p))), p -> inputs.note(() -> ask(m -> m.hasProvider(p))),
                    options.catalog(), options.scripts(), options.maxDepth(),
                    inputs.note(() -> ask(m -> Set.copyOf(m.taskTypes()))),
                    inputs.note(() -> ask(m -> m.defaultProfile().isPresent())),
                    null, p -> inputs.note(() -> ask(m -> m.profileProblem(p))));
        }
        options = options.withTools(() -> inputs.note(this::knownTools));
        return new EnsembleLoader(parser, new EnsembleValidator(options));
    }

    /** {@code question} of the models now; null when there are none (a changed answer all the same). */
    private <T> @org.jspecify.annotations.Nullable T ask(java.util.function.Function<AgentModels, T> question) {
        AgentModels m = models.get();
        return m == null ? null : question.apply(m);
    }

    private ScriptResolver scriptResolver() {
        return new ScriptResolver(locations.projectRoot(), locations.userScriptsDir());
    }

    /** What {@code script} resolves to now: the resolved script, or the message of why it does not. */
    private Object resolveScript(String script) {
        try {
            return scriptResolver().resolve(script);
        } catch (RuntimeException e) {
            return "unresolved: " + e.getMessage();
        }
    }

    /** The tools agents may name; without a tool service, none. */
    private KnownTools knownTools() {
        Tools t = tools.get();
        return t == null ? new KnownTools(Set.of(), Set.of()) : ToolNames.of(t.registry());
    }

    private EngineOptions.Builder engineOptions(AgentModels models) {
        return engineExtras.apply(EngineOptions.builder(models)).catalog(locations.catalog()).projectDir(locations.projectRoot())
                .userScriptsDir(locations.userScriptsDir()).scriptRecordDir(locations.scriptRecordDir())
                .tools(new LazyTools(tools));
    }

    private EnsembleEngine engine() {
        EnsembleEngine e = engine;
        if (e == null) {
            // a lock, not synchronized: building the engine reads the script record folder
            engineLock.lock();
            try {
                if (engine == null) engine = new EnsembleEngine(engineOptions(models.get()).build());
                e = engine;
            } finally {
                engineLock.unlock();
            }
        }
        return e;
    }

    private EnsembleEngine engine(RunOptions options) {
        if (options.callMetadata().isEmpty()) return engine();
        return labelledEngines.computeIfAbsent(options.callMetadata(),
                labels -> new EnsembleEngine(engineOptions(new LabelledAgentModels(models.get(), labels)).build()));
    }

    @Override
    public RunHandle run(EnsembleSpec spec, String input, RunOptions options, RunListener listener) {
        List<RunListener> listeners = listeners(options, listener);
        return engine(options).start(overrides(spec, options), input, options.approver(), listeners.toArray(RunListener[]::new));
    }

    @Override
    public RunHandle resume(EnsembleSpec spec, String input, RunOptions options,
                            Map<String, dev.baton.ensemble.run.AgentResult> restored, RunListener listener) {
        List<RunListener> listeners = listeners(options, listener);
        return engine(options).resume(overrides(spec, options), input, options.approver(), restored,
                listeners.toArray(RunListener[]::new));
    }

    @Override
    public List<RunResult> runBatch(EnsembleSpec spec, List<String> inputs, int parallelism, RunOptions options,
                                    Consumer<String> lines) {
        return new BatchRunner(engine(options)).run(overrides(spec, options), inputs, parallelism, lines,
                listeners(options, null).toArray(RunListener[]::new));
    }

    /** The recorder first, so a run's files are on disk before anyone else hears it completed. */
    private List<RunListener> listeners(RunOptions options, RunListener listener) {
        List<RunListener> all = new ArrayList<>(2);
        if (options.artifacts()) {
            all.add(shared ? new ArtifactRecorder(artifacts, options.onArtifacts())
                    : new ArtifactRecorder(new ArtifactWriter(locations.artifactsRoot(), null, zone), index, options.onArtifacts()));
        }
        if (listener != null) all.add(listener);
        return all;
    }

    private static EnsembleSpec overrides(EnsembleSpec spec, RunOptions options) {
        EnsembleSpec out = spec;
        if (options.maxConcurrency() != null) out = out.withMaxConcurrency(options.maxConcurrency());
        if (options.budgetUsd() != null) {
            out = out.withBudget(new BudgetSpec(options.budgetUsd(), spec.budget() == null ? null : spec.budget().tokens()));
        }
        return out;
    }

    @Override
    public TestOutcome test(Path file) {
        EnsembleSpec spec;
        try {
            spec = loader(null).load(file);
        } catch (EnsembleDefinitionException e) {
            EnsembleParser.Parsed parsed = parser.parse(file);
            return new TestOutcome(parsed.spec() != null ? parsed.spec().name() : null, file, List.of(), e.problems());
        }
        EngineOptions base = engineOptions(new ScriptedAgentModels(Map.of())).build();
        return new TestOutcome(spec.name(), file, new EnsembleTestRunner(base, ScriptedAgentModels::new).run(spec), List.of());
    }

    @Override
    public Scripts scripts() {
        return scripts;
    }

    @Override
    public Artifacts artifacts() {
        return artifacts;
    }

    @Override
    public void close() {
        index.close();
    }
}
