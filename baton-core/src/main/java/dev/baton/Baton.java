package dev.baton;

import dev.baton.config.BatonConfig;
import dev.baton.catalog.ModelCatalog;
import dev.baton.config.BatonPaths;
import dev.baton.config.CredentialStore;
import dev.baton.config.ConfigException;
import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import dev.baton.config.ModelInfoSource;
import dev.baton.config.ProfileResolver;
import dev.baton.config.internal.ProfileUseCheck;
import dev.baton.config.ProviderRegistry;
import dev.baton.config.ResolvedProfile;
import dev.baton.secret.Secret;
import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.internal.WorkspaceEnsembles;
import dev.baton.llm.ChatModel;
import dev.baton.pipeline.Pipeline;
import dev.baton.llm.ModelRef;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The root object: built from the files a user sees (paths and configuration), it wires every
 * component explicitly and closes them in reverse order. The CLI and servers are faces over it.
 */
public final class Baton implements AutoCloseable {

    private final BatonPaths paths;
    private final BatonConfig config;
    private final ObjectMapper json;
    private final ProviderRegistry providers;
    private final ProfileResolver profiles;
    private final Map<String, ChatModel> models = new ConcurrentHashMap<>();
    /** Models of a profile with an agent's extra fallback profiles in reach, by [profile, fallbacks...]. */
    private final Map<List<String>, ChatModel> withFallbacks = new ConcurrentHashMap<>();
    private final Map<String, ChatModel> taskModels = new ConcurrentHashMap<>();
    private final ModelWiring wiring;
    private final java.nio.file.Path database;
    /** Team mode (a PostgreSQL store): run artifacts go to the store, so every replica serves them. */
    private final boolean sharedArtifacts;
    private volatile WorkspaceEnsembles ensembles;
    private final java.util.function.Supplier<dev.baton.tool.internal.DefaultTools> toolsFactory;
    private volatile dev.baton.tool.internal.DefaultTools tools;
    private final dev.baton.observe.Observers observers = new dev.baton.observe.Observers();
    private final dev.baton.observe.Telemetry telemetry;
    private final List<dev.baton.operation.OperationHandler> operationHandlers;
    private volatile dev.baton.operation.Operations operations;
    private final List<dev.baton.coordinator.CoordinatorTool> coordinatorTools;
    private volatile dev.baton.coordinator.Coordinator coordinator;
    private final dev.baton.context.Personas personas;
    private volatile dev.baton.context.internal.DefaultChatContext context;
    private volatile dev.baton.context.memory.ProjectMemory memory;
    private volatile dev.baton.task.Tasks tasks;

    private Baton(Builder b) {
        this.paths = b.paths;
        this.json = JsonMapper.builder().build();
        EnvExpander expander = EnvExpander.of(b.env);
        ConfigLoader.Loaded loaded = b.config != null ? new ConfigLoader.Loaded(b.config, dev.baton.config.ConfigSources.NONE)
                : new ConfigLoader(expander).loadWithSources(paths);
        Map<String, ProviderFactory> factories = b.factories != null ? b.factories
                : ProviderRegistry.discoverFactories(Baton.class.getClassLoader());
        this.providers = new ProviderRegistry(loaded.config(), b.env, b.storedKeys, factories);
        this.profiles = new ProfileResolver(loaded.config(), loaded.sources(), providers, b.modelInfos, json);
        // unusable llm-orc profiles are set aside: they fail when used, not every command
        this.config = profiles.config();
        ModelWiring.budgetLimits(config);
        // checked here, not on first use: a bad context: value fails every command, as a bad budget does
        dev.baton.context.ContextSettings.of(config.context());
        dev.baton.store.StoreSettings store = b.database != null ? dev.baton.store.StoreSettings.sqlite(b.database)
                : dev.baton.store.StoreSettings.resolve(config.store(), b.env, paths.projectRoot(), paths.database());
        // the run index stays in a local SQLite file whichever store holds usage, budgets and keys
        this.database = store.kind() == dev.baton.store.StoreKind.SQLITE ? store.path() : paths.database();
        this.sharedArtifacts = store.kind() == dev.baton.store.StoreKind.POSTGRES;
        this.telemetry = b.openTelemetry == null ? dev.baton.observe.Telemetry.off()
                : dev.baton.observe.Telemetry.of(b.openTelemetry,
                        config.telemetry() != null && config.telemetry().capturesContent());
        this.wiring = new ModelWiring(config, providers, profiles,
                new ProfileUseCheck(expander.unsetVariables(), config, json), json, store, observers, telemetry,
                personas = dev.baton.context.Personas.of(paths));
        this.coordinatorTools = List.copyOf(b.coordinatorTools);
        this.toolsFactory = () -> dev.baton.tool.internal.ToolWiring.build(config, paths.projectRoot(), b.env,
                b.sandboxes, wiring::database, Baton.class.getClassLoader());
        this.operationHandlers = List.copyOf(b.operations);

        // checked here, not on first use: two handlers with one id is the builder's caller's mistake
        new dev.baton.operation.OperationRegistry(operationHandlers, List::of);
    }

    public static Builder builder(BatonPaths paths, Map<String, String> env) {
        return new Builder(paths, env);
    }

    /** Baton for the current directory and process environment. */
    public static Baton open() {
        Map<String, String> env = System.getenv();
        return builder(BatonPaths.discover(java.nio.file.Path.of(""), env), env).build();
    }

    /**
     * The model for a profile name, alias or {@code provider/model}: the provider adapter with the
     * profile's defaults inside the whole pipeline (budgets, usage recording, deadline, output
     * validation, fallbacks, retries, cooldown). Only that profile and its fallback chain are
     * resolved; a configuration problem of the profile (an unset variable it uses, a missing API
     * key or script file) fails its first call with {@code CONFIGURATION}.
     */
    public ChatModel model(String profileName) {
        ChatModel cached = models.get(profileName);
        if (cached != null) return cached;
        String target = profiles.target(profileName);
        ChatModel model = wiring.forProfile(target).forProfile(target);
        ChatModel previous = models.putIfAbsent(profileName, model);
        return previous != null ? previous : model;
    }

    /** {@link #model}, or for a call naming extra fallback profiles, a pipeline that holds them too. */
    private ChatModel agentModel(String profileName) {
        String target = profiles.target(profileName);
        return new CallFallbackModel(target, model(profileName), names -> withFallbacks.computeIfAbsent(names,
                n -> wiring.forProfiles(n.stream().map(profiles::target).toList()).forProfile(target)));
    }

    /**
     * The model for a task type under {@code routing:}: each call goes to the first profile of the
     * task type's route whose context window holds the request (else the one with the largest
     * window), falling back along that profile's {@code fallback:} chain and then the rest of the
     * route. Only the route's profiles and their fallbacks are resolved.
     *
     * @throws dev.baton.config.ConfigException when {@code routing:} has no such task type
     */
    public ChatModel modelForTask(String taskType) {
        ChatModel cached = taskModels.get(taskType);
        if (cached != null) return cached;
        ChatModel model = new TaskTypeChatModel(wiring.forTask(taskType).routed(), taskType);
        ChatModel previous = taskModels.putIfAbsent(taskType, model);
        return previous != null ? previous : model;
    }

    /** The profiles {@code routing:} lists for a task type, in order (empty when it has none). */
    public java.util.List<String> routeOf(String taskType) {
        return config.routing().getOrDefault(taskType, java.util.List.of());
    }

    /**
     * The call pipeline over every profile, with routing by task type (opens the usage ledger and
     * resolves {@code default} on first use). Shares its ledger, budgets, timer and cooldowns with
     * the models {@link #model} hands out.
     */
    public Pipeline pipeline() {
        return wiring.full();
    }

    /** Models for ensemble agents, over this Baton's profiles and pipeline. */
    public AgentModels agentModels() {
        return new AgentModels() {
            @Override
            public ChatModel forProfile(String profile) {
                return agentModel(profile);
            }

            @Override
            public ChatModel forModel(String provider, String model) {
                return agentModel(provider + "/" + model);
            }

            @Override
            public boolean hasProfile(String profile) {
                return profiles.exists(profile) && !profile.contains("/");
            }

            @Override
            public boolean hasProvider(String provider) {
                return providers.settings(provider).isPresent();
            }

            @Override
            public Optional<String> profileProblem(String profile) {
                return Optional.ofNullable(profiles.unusable().get(profile));
            }

            @Override
            public java.util.Set<String> taskTypes() {
                return config.routing().keySet();
            }

            @Override
            public Optional<String> defaultProfile() {
                return Optional.ofNullable(config.defaultProfile());
            }

            @Override
            public ChatModel forTask(String taskType) {
                // a routed task type goes the way `baton ask --task` goes; any other to default_profile
                return config.routing().containsKey(taskType) ? modelForTask(taskType) : AgentModels.super.forTask(taskType);
            }

            @Override
            public Optional<java.time.Duration> profileTimeout(String profile) {
                // asked once per profile per run (RunExecution keeps the answer for the run's agents)
                return hasProfile(profile) ? Optional.of(profiles.resolve(profile).timeout()) : Optional.empty();
            }

            @Override
            public dev.baton.usage.BudgetEnforcer budgets() {
                // the pipeline's enforcer: a run's budget becomes a reservation scope every call takes
                return pipeline().budgets();
            }

            @Override
            public boolean validatesOutput() {
                return true; // ValidatedChatModel is in every profile of the pipeline
            }

            @Override
            public void prepare(java.util.Collection<String> names) {
                wiring.prepare(names.stream().map(profiles::target).distinct().toList());
            }
        };
    }

    /** Finding, validating, running and testing ensembles; their scripts and recorded runs. Closed with this Baton. */
    public Ensembles ensembles() {
        WorkspaceEnsembles e = ensembles;
        if (e == null) {
            synchronized (this) {
                if (ensembles == null) {
                    ensembles = new WorkspaceEnsembles(paths, this::agentModels, this::tools, database,
                            java.time.ZoneId.systemDefault(), o -> o.telemetry(telemetry).listener(observers),
                            sharedArtifacts ? () -> wiring.store().dataSource() : null);
                }
                e = ensembles;
            }
        }
        return e;
    }

    /**
     * Operations ({@code feature.operation}): the Java handlers given to the builder, then the
     * definition files of the project's {@code .baton/operations/} and the user tier's
     * {@code operations/} (read on every call); monolithic ones run through {@link #model}'s
     * pipeline, agentic ones through {@link #ensembles()}.
     */
    public dev.baton.operation.Operations operations() {
        dev.baton.operation.Operations o = operations;
        if (o == null) {
            synchronized (this) {
                if (operations == null) {
                    operations = new dev.baton.operation.internal.DefaultOperations(paths, operationHandlers,
                            this::model, profiles::exists, this::ensembles);
                }
                o = operations;
            }
        }
        return o;
    }

    /**
     * Tools: the registry (every {@code ToolSourceProvider} on the class path), configuration's
     * permissions, the workspace sandbox and the audit log; built on first use, closed with this Baton.
     */
    public dev.baton.tool.Tools tools() {
        dev.baton.tool.internal.DefaultTools t = tools;
        if (t == null) {
            synchronized (this) {
                if (tools == null) {
                    dev.baton.tool.internal.DefaultTools built = toolsFactory.get();
                    built.registry().add(dev.baton.context.memory.MemorySearchTool.source(this::memory,
                            MemoryWiring.config(config).searchTokensOrDefault()));
                    tools = built;
                }
                t = tools;
            }
        }
        return t;
    }

    /**
     * The coordinator: plans a question into jobs over the internal tools (and those
     * {@code coordinator.tools} adds), runs them under shares of the request's budget through this
     * Baton's pipeline, and records each request with the artifacts. Built on first use.
     */
    public dev.baton.coordinator.Coordinator coordinator() {
        dev.baton.coordinator.Coordinator c = coordinator;
        if (c == null) {
            synchronized (this) {
                if (coordinator == null) {
                    coordinator = new dev.baton.coordinator.internal.DefaultCoordinator(
                            dev.baton.coordinator.CoordinatorSettings.of(config.coordinator(), paths.projectRoot()),
                            this::model, this::tools, this::ensembles, this::budgets, json, java.time.Clock.systemUTC(),
                            java.time.ZoneId.systemDefault(), coordinatorTools);
                }
                c = coordinator;
            }
        }
        return c;
    }

    /**
     * The context service: personas, stored chat sessions (in {@link #database()}, opened on first
     * use), token counters and context shapers per profile. Built on first use, closed with this Baton.
     */
    public dev.baton.context.ChatContext context() {
        dev.baton.context.internal.DefaultChatContext c = context;
        if (c == null) {
            synchronized (this) {
                if (context == null) {
                    dev.baton.context.ContextSettings settings = dev.baton.context.ContextSettings.of(config.context());
                    context = new dev.baton.context.internal.DefaultChatContext(config, profiles, personas, settings,
                            () -> new dev.baton.store.internal.JdbcConversations(wiring.database(),
                                    new dev.baton.context.internal.MessageJson(json), java.time.Clock.systemUTC(),
                                    settings.retentionMessages()),
                            this::model, json);
                }
                c = context;
            }
        }
        return c;
    }

    /**
     * The API keys of the HTTP server, in {@link #database()} (opened on first use). Calls whose
     * metadata carries a key's id ({@code CallMetadata.API_KEY}) are held to that key's budget
     * and rate limits by every pipeline of this Baton.
     */
    public dev.baton.keys.ApiKeys apiKeys() {
        return wiring.apiKeys();
    }

    /**
     * Who is told of every recorded call, retry and top-level run (metrics): add an observer,
     * close the handle to remove it.
     */
    public dev.baton.observe.Observers observers() {
        return observers;
    }

    /**
     * The circuit breakers of every deployment, shared by all pipelines of this Baton (opens the
     * usage store on first use, resolves no profile).
     */
    public dev.baton.pipeline.CooldownRegistry cooldowns() {
        return wiring.cooldowns();
    }

    /** The budgets every pipeline of this Baton enforces (opens the usage store on first use, resolves no profile). */
    public dev.baton.usage.BudgetEnforcer budgets() {
        return wiring.budgets();
    }

    /** How calls and runs are traced: the OpenTelemetry given to the builder, or off. */
    public dev.baton.observe.Telemetry telemetry() {
        return telemetry;
    }

    /**
     * The durable task queue (ensemble runs, coordinator requests, operations) on the store's
     * database; its tables are created on first use. Submitting needs no worker; a worker runs
     * in this process only once {@link dev.baton.task.Tasks#startWorker} is called.
     */
    public dev.baton.task.Tasks tasks() {
        dev.baton.task.Tasks t = tasks;
        if (t == null) {
            synchronized (this) {
                if (tasks == null) {
                    tasks = new dev.baton.task.internal.QueueTasks(wiring.store().dataSource(),
                            new dev.baton.task.internal.TaskTargets(this::ensembles, this::coordinator, this::operations), json);
                }
                t = tasks;
            }
        }
        return t;
    }

    /**
     * The store of usage, budgets, API keys and the tool audit log (opened on first use): SQLite or
     * PostgreSQL, as {@code store:} or {@code BATON_STORE_URL} chose, with its connections.
     */
    public dev.baton.store.Store store() {
        return wiring.store();
    }

    /**
     * The REST API's run records, event logs and {@code Idempotency-Key}s in the store (opened on
     * first use), shared by every server on the same store.
     */
    public dev.baton.runs.RunStores runStores() {
        dev.baton.store.internal.StoreDatabase db = wiring.database();
        return new dev.baton.runs.RunStores(new dev.baton.store.internal.JdbcRunStore(db),
                new dev.baton.store.internal.JdbcRunEventLog(db), new dev.baton.store.internal.JdbcIdempotencyKeys(db));
    }

    /** The SQLite file of the run index (and of usage, budgets and keys when the store is SQLite). */
    public java.nio.file.Path database() {
        return database;
    }

    /**
     * The project's memory: facts in the store and the file index under the data folder, with the
     * {@code memory:} settings (embedding and summary profiles). Opened on first use, closed with this Baton.
     */
    public dev.baton.context.memory.ProjectMemory memory() {
        dev.baton.context.memory.ProjectMemory m = memory;
        if (m == null) {
            synchronized (this) {
                if (memory == null) {
                    memory = MemoryWiring.open(paths, config, wiring.database().dataSource(), profiles::resolve, providers, json, pipeline(),
                            this::model);
                }
                m = memory;
            }
        }
        return m;
    }

    public ResolvedProfile profile(String name) {
        return profiles.resolve(name);
    }

    public ProfileResolver profiles() {
        return profiles;
    }

    public ProviderRegistry providers() {
        return providers;
    }

    public BatonPaths paths() {
        return paths;
    }

    public BatonConfig config() {
        return config;
    }

    public ObjectMapper json() {
        return json;
    }

    /**
     * Closes the ensemble service, then every adapter, the deadline timer, the budgets and the usage
     * ledger; no thread it started outlives it.
     */
    @Override
    public void close() {
        // a worker first: it hands its running tasks back while the ensembles it runs are still open
        if (tasks instanceof dev.baton.task.internal.QueueTasks q) q.close();
        WorkspaceEnsembles e = ensembles;
        dev.baton.tool.internal.DefaultTools t = tools;
        dev.baton.context.internal.DefaultChatContext c = context;
        if (c != null) c.close();
        dev.baton.context.memory.ProjectMemory m = memory;
        try {
            if (e != null) e.close();
        } finally {
            try {
                if (t != null) t.close();
            } finally {
                try {
                    if (m != null) m.close();
                } finally {
                    wiring.close();
                }
            }
        }
    }

    /** Builder for {@link Baton}; everything but paths and environment has a default. */
    public static final class Builder {
        private final BatonPaths paths;
        private final Map<String, String> env;
        private BatonConfig config;
        private Map<String, ProviderFactory> factories;
        private ModelInfoSource modelInfos;
        private java.nio.file.Path database;
        private Function<String, Optional<Secret>> storedKeys;
        /** Makes the tools' sandbox from {@code tools:}: the workspace sandbox unless a caller sets another. */
        private Function<dev.baton.config.ToolSettings, dev.baton.tool.Sandbox> sandboxes;
        private io.opentelemetry.api.OpenTelemetry openTelemetry;
        private final List<dev.baton.operation.OperationHandler> operations = new java.util.ArrayList<>();
        private List<dev.baton.coordinator.CoordinatorTool> coordinatorTools = List.of();

        private Builder(BatonPaths paths, Map<String, String> env) {
            this.paths = paths;
            this.env = Map.copyOf(env);
            this.sandboxes = settings -> workspaceSandbox(settings, this.env);
            this.modelInfos = catalogSource(paths);
            CredentialStore store = new CredentialStore(paths.userConfigDir());
            this.storedKeys = store::get;
        }

        private static dev.baton.tool.Sandbox workspaceSandbox(dev.baton.config.ToolSettings settings, Map<String, String> env) {
            try {
                return new dev.baton.tool.internal.WorkspaceSandbox(settings.workspace(), settings.timeLimit(),
                        settings.outputCapBytes(), env);
            } catch (IllegalArgumentException e) {
                throw ConfigException.withSuggestion("tools.workspace: " + e.getMessage(),
                        "Set `tools: {workspace: PATH}` in the configuration to an existing folder.");
            }
        }

        /** The bundled model catalog with the user's and project's {@code models.yaml} over it, loaded on first use. */
        private static ModelInfoSource catalogSource(BatonPaths paths) {
            java.util.function.Supplier<ModelCatalog> catalog = memoize(() -> ModelCatalog.load(
                    ModelCatalog.overrideFiles(paths.userConfigDir(), paths.projectDir())));
            return (kind, model) -> {
                ModelRef ref = new ModelRef(kind, model);
                return catalog.get().find(ref, kind).map(e -> e.toModelInfo(ref));
            };
        }

        private static <T> java.util.function.Supplier<T> memoize(java.util.function.Supplier<T> s) {
            return new java.util.function.Supplier<>() {
                private volatile T value;

                @Override
                public T get() {
                    T v = value;
                    if (v == null) {
                        synchronized (this) {
                            if (value == null) value = s.get();
                            v = value;
                        }
                    }
                    return v;
                }
            };
        }

        /** Use this configuration instead of reading the files. */
        public Builder config(BatonConfig config) { this.config = config; return this; }
        public Builder factories(Map<String, ProviderFactory> factories) { this.factories = factories; return this; }
        public Builder modelInfos(ModelInfoSource modelInfos) { this.modelInfos = modelInfos; return this; }
        public Builder storedKeys(Function<String, Optional<Secret>> storedKeys) { this.storedKeys = storedKeys; return this; }
        /** The SQLite database for the usage ledger (default: the data directory's baton.db, or store.path). */
        public Builder database(java.nio.file.Path database) { this.database = database; return this; }

        /** How the tools' sandbox is made from the {@code tools:} settings. */
        public Builder sandboxes(Function<dev.baton.config.ToolSettings, dev.baton.tool.Sandbox> sandboxes) {
            this.sandboxes = sandboxes;
            return this;
        }

        /**
         * Traces pipeline calls, provider attempts, ensemble runs and agents to this OpenTelemetry
         * (whoever made it closes it, after this Baton). Without it nothing is traced.
         */
        public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
            return this;
        }

        /** Registers a Java operation handler; its id must be unique among the handlers registered here. */
        public Builder operation(dev.baton.operation.OperationHandler handler) {
            this.operations.add(java.util.Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Tools the coordinator's planner may choose besides the internal and configured ones. */
        public Builder coordinatorTools(List<dev.baton.coordinator.CoordinatorTool> tools) {
            this.coordinatorTools = List.copyOf(tools);
            return this;
        }

        public Baton build() {
            return new Baton(this);
        }
    }
}
