package dev.baton;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.internal.ProfileDefaultsChatModel;
import dev.baton.config.ProfileResolver;
import dev.baton.config.ProviderRegistry;
import dev.baton.config.ResolvedProfile;
import dev.baton.llm.ChatModel;
import dev.baton.config.internal.ProfileUseCheck;
import dev.baton.pipeline.CooldownPolicy;
import dev.baton.pipeline.CooldownRegistry;
import dev.baton.pipeline.internal.DeadlineTimer;
import dev.baton.pipeline.internal.OpenAiTokenCounts;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.RetryPolicy;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.routing.RoutingRules;
import dev.baton.keys.ApiKeys;
import dev.baton.keys.internal.DefaultApiKeys;
import dev.baton.store.internal.JdbcApiKeyStore;
import dev.baton.store.internal.JdbcBudgetStore;
import dev.baton.store.internal.JdbcUsageLedger;
import dev.baton.store.internal.PostgresDatabase;
import dev.baton.store.internal.SqliteDatabase;
import dev.baton.store.internal.StoreDatabase;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Builds call pipelines from the configuration, resolving only what a call needs: a profile's
 * pipeline holds that profile and its fallback chain, so naming {@code fast} never resolves
 * {@code default} (which may probe a local Ollama); {@link #full()} holds every profile for
 * routing by task type. Each profile is one lazily made provider adapter with its profile's
 * defaults, retry policy and fallbacks, checked by {@link ProfileUseCheck} when first called.
 * <p>
 * All pipelines share one usage ledger, one set of budgets, one deadline timer (one thread) and
 * one cooldown registry, opened on first use; {@link #close()} closes them and every adapter, so
 * nothing a {@link Baton} made outlives it. Output validation is part of every pipeline.
 */
final class ModelWiring implements AutoCloseable {

    private final BatonConfig config;
    private final ProviderRegistry providers;
    private final ProfileResolver profiles;
    private final ProfileUseCheck useCheck;
    private final ObjectMapper json;
    private final dev.baton.store.StoreSettings store;
    private final dev.baton.observe.Observers observers;
    private final dev.baton.observe.Telemetry telemetry;
    private final dev.baton.context.Personas personas;
    private final List<AutoCloseable> adapters = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, PipelineProfile> built = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LazyChatModel> lazyAdapters = new ConcurrentHashMap<>();
    /** The profiles {@link #prepare} was asked for: each is prepared once. */
    private final Set<String> preparing = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private Shared shared;
    private Pipeline full;
    private volatile boolean closed; // written under the lock

    /** What every pipeline of one Baton shares. */
    private record Shared(StoreDatabase database, JdbcUsageLedger ledger, BudgetEnforcer budgets, DeadlineTimer timer,
                          CooldownRegistry cooldowns, DefaultApiKeys apiKeys) {
    }

    ModelWiring(BatonConfig config, ProviderRegistry providers, ProfileResolver profiles, ProfileUseCheck useCheck,
                ObjectMapper json, dev.baton.store.StoreSettings store, dev.baton.observe.Observers observers,
                dev.baton.observe.Telemetry telemetry, dev.baton.context.Personas personas) {
        this.personas = personas;
        this.observers = observers;
        this.telemetry = telemetry;
        this.config = config;
        this.providers = providers;
        this.profiles = profiles;
        this.useCheck = useCheck;
        this.json = json;
        this.store = store;
    }

    /** The pipeline over every configured profile (plus {@code default} and {@code offline}) with routing. */
    Pipeline full() {
        lock.lock();
        try {
            if (full == null) {
                Pipeline.Builder b = base();
                Set<String> names = new LinkedHashSet<>(config.profiles().keySet());
                names.add(ProfileResolver.DEFAULT);
                names.add(ProfileResolver.OFFLINE);
                for (String name : names) b.profile(profile(name));
                b.routing(new RoutingRules(config.routing(), ProfileResolver.DEFAULT, config.aliases()));
                full = b.build();
            }
            return full;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A pipeline holding {@code name} (a profile, {@code default}, {@code offline} or
     * {@code provider/model}, aliases already followed) and its fallback chain, nothing else.
     */
    Pipeline forProfile(String name) {
        return forProfiles(List.of(name));
    }

    /**
     * A pipeline holding {@code names} (the first is its default) and their fallback chains, nothing
     * else: a call through the first may name the others as extra fallbacks (an agent's
     * {@code fallback_model_profile}).
     */
    Pipeline forProfiles(List<String> names) {
        Pipeline.Builder b = withChains(names);
        return b.routing(RoutingRules.defaultOnly(names.getFirst())).build();
    }

    /**
     * A pipeline holding the route of {@code taskType} under {@code routing:} (aliases followed)
     * and the fallback chains of its profiles, routing that task type.
     *
     * @throws ConfigException when {@code routing:} has no such task type, naming the ones it has
     */
    Pipeline forTask(String taskType) {
        List<String> configured = config.routing().get(taskType);
        if (configured == null) {
            throw ConfigException.withSuggestion("unknown task type '" + taskType + "': `routing:` in the configuration "
                            + (config.routing().isEmpty() ? "defines none" : "defines " + String.join(", ", config.routing().keySet())),
                    "Add it under `routing:` (task type -> profiles), or name a profile with -p.");
        }
        List<String> route = configured.stream().map(profiles::target).distinct().toList();
        Pipeline.Builder b = withChains(route);
        return b.routing(new RoutingRules(Map.of(taskType, route), route.get(0))).build();
    }

    /** A builder over the shared parts holding {@code roots} and every profile of their fallback chains. */
    private Pipeline.Builder withChains(List<String> roots) {
        Pipeline.Builder b = base();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (!seen.add(next)) continue;
            PipelineProfile p = profile(next);
            b.profile(p);
            pending.addAll(p.fallbacks());
        }
        return b;
    }

    /**
     * Builds the profiles {@code names} (and their fallback chains) and opens the shared parts on
     * one virtual thread while the profiles' adapters {@linkplain ChatModel#prepare() prepare}
     * (HTTP client, encoders) on another, so that the first calls through them find those ready:
     * an adapter needs none of the shared parts (the ledger's database), and a run's first calls
     * wait for both. A profile already asked for is not prepared again. Failures are dropped here:
     * the calls meet them again and report them.
     */
    void prepare(List<String> names) {
        List<String> fresh = names.stream().filter(preparing::add).toList();
        if (fresh.isEmpty()) return;
        Thread.ofVirtual().name("baton-prepare").start(() -> {
            List<LazyChatModel> ready = new ArrayList<>();
            for (String name : fresh) {
                try {
                    profile(name);
                } catch (RuntimeException ignored) {
                    continue; // an unknown profile or a bad configuration: the first call reports it
                }
                LazyChatModel adapter = lazyAdapters.get(name);
                if (adapter != null) ready.add(adapter);
            }
            Thread.ofVirtual().name("baton-prepare-chains").start(() -> {
                try {
                    withChains(fresh);
                } catch (RuntimeException ignored) {
                    // reported by the first call that needs the same part
                }
            });
            for (LazyChatModel adapter : ready) {
                if (isClosed()) return;
                try {
                    adapter.prepare();
                } catch (RuntimeException ignored) {
                    // a missing key or an unset variable: the first call reports it
                }
            }
        });
    }

    /** Without the lock, which is held while the shared parts open. */
    private boolean isClosed() {
        return closed;
    }

    private Pipeline.Builder base() {
        Shared s = shared();
        // the tee tells observers (metrics) of exactly what the ledger keeps
        return Pipeline.builder().ledger(new dev.baton.observe.internal.ObservedUsageLedger(s.ledger(), observers))
                .budgets(s.budgets()).timer(s.timer()).cooldowns(s.cooldowns()).clock(Clock.systemUTC())
                .telemetry(telemetry).observer(observers);
    }

    /** The circuit breakers every pipeline shares (opening the shared parts on first use). */
    dev.baton.pipeline.CooldownRegistry cooldowns() {
        return shared().cooldowns();
    }

    /** The budgets every pipeline shares (opening the shared parts on first use). */
    BudgetEnforcer budgets() {
        return shared().budgets();
    }

    /** The API keys, in the ledger's database (opening it on first use). */
    ApiKeys apiKeys() {
        return shared().apiKeys();
    }

    /** The store's database (opening it on first use), shared by the ledger, budgets, keys and audit log: one writer thread. */
    StoreDatabase database() {
        return shared().database();
    }

    /** The store (opening it on first use): its kind and connections, for parts with tables of their own. */
    dev.baton.store.Store store() {
        StoreDatabase db = database();
        dev.baton.store.StoreKind kind = db instanceof PostgresDatabase ? dev.baton.store.StoreKind.POSTGRES
                : dev.baton.store.StoreKind.SQLITE;
        return new dev.baton.store.Store() {
            @Override
            public dev.baton.store.StoreKind kind() {
                return kind;
            }

            @Override
            public javax.sql.DataSource dataSource() {
                return db.dataSource();
            }

            @Override
            public String describe() {
                return db.describe();
            }
        };
    }

    private Shared shared() {
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("Baton is closed");
            if (shared == null) {
                StoreDatabase db = store.kind() == dev.baton.store.StoreKind.POSTGRES ? PostgresDatabase.open(store)
                        : SqliteDatabase.open(store.path());
                JdbcUsageLedger ledger = new JdbcUsageLedger(db);
                BudgetEnforcer budgets = budgets(ledger);
                // every call made with an API key is held to that key's own budget and rate limits
                DefaultApiKeys apiKeys = new DefaultApiKeys(new JdbcApiKeyStore(ledger.database()), Clock.systemUTC(),
                        DefaultApiKeys.DEFAULT_RECHECK, budgets::reloadKey);
                budgets.keyLimits(apiKeys);
                shared = new Shared(db, ledger, budgets, new DeadlineTimer(Clock.systemUTC()),
                        new CooldownRegistry(CooldownPolicy.DEFAULT, Clock.systemUTC()), apiKeys);
            }
            return shared;
        } finally {
            lock.unlock();
        }
    }

    /** One pipeline profile (and so one adapter) per name, whichever pipelines it is part of. */
    private PipelineProfile profile(String name) {
        PipelineProfile known = built.get(name);
        if (known != null) return known;
        PipelineProfile made = profile(profiles.resolve(name), name);
        PipelineProfile raced = built.putIfAbsent(name, made);
        return raced != null ? raced : made;
    }

    private PipelineProfile profile(ResolvedProfile p, String name) {
        ProviderSettings ps = p.provider().withRequestTimeout(p.timeout());
        ProviderFactory factory = providers.factory(ps.kind()).orElseThrow(() ->
                new ConfigException("no adapter for provider kind '" + ps.kind() + "' on the classpath"));
        LazyChatModel adapter = new LazyChatModel(() -> {
            useCheck.check(p, name, factory);
            return factory.create(ps, p.model(), p.info(), json);
        }, p.info());
        adapters.add(adapter);
        lazyAdapters.putIfAbsent(name, adapter);
        ProfileDefaultsChatModel model = new ProfileDefaultsChatModel(adapter, p, personaText(p));
        return PipelineProfile.builder(name, model).info(p.info()).timeout(p.timeout())
                .requestDefaults(model::apply)
                .exactInput(OpenAiTokenCounts.forDeployment(ps.kind(), ps.baseUrl(), p.model()).orElse(null))
                .fallbacks(p.fallback()).retry(retryPolicy()).maxTokens(p.maxTokens())
                .credential(ps.apiKey() == null ? null : ps.name() + ":" + ps.apiKey().hint())
                .build();
    }

    /**
     * The text of {@code p}'s persona ({@code persona:} of the profile or its provider), or null.
     *
     * @throws ConfigException when the persona named does not exist
     */
    private String personaText(ResolvedProfile p) {
        String name = dev.baton.context.PersonaPrompt.nameFor(config, p).orElse(null);
        if (name == null) return null;
        return personas.find(name).map(dev.baton.context.Persona::text).orElseThrow(() -> ConfigException.withSuggestion(
                "profile '" + p.name() + "': no persona '" + name + "'", "`baton personas list` shows the personas there are."));
    }

    /**
     * Closes every adapter (their HTTP clients), then stops the deadline timer, releases the
     * budgets' leases and flushes the ledger. Idempotent.
     */
    @Override
    public void close() {
        Shared s;
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            s = shared;
        } finally {
            lock.unlock();
        }
        RuntimeException first = null;
        List<AutoCloseable> order = new ArrayList<>(adapters);
        if (s != null) {
            order.add(s.timer());
            order.add(s.budgets());
            order.add(s.ledger());
            order.add(s.database());
        }
        for (AutoCloseable c : order) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) first = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    private RetryPolicy retryPolicy() {
        BatonConfig.RetryConfig r = config.retry();
        if (r == null) return RetryPolicy.DEFAULT;
        RetryPolicy d = RetryPolicy.DEFAULT;
        return new RetryPolicy(r.maxAttempts() != null ? r.maxAttempts() : d.maxAttempts(),
                r.baseDelayMs() != null ? Duration.ofMillis(r.baseDelayMs()) : d.baseDelay(),
                r.maxDelayMs() != null ? Duration.ofMillis(r.maxDelayMs()) : d.maxDelay(),
                r.maxRetryAfterSeconds() != null ? Duration.ofMillis((long) (r.maxRetryAfterSeconds() * 1000)) : d.maxRetryAfter(),
                r.totalRetryBudgetSeconds() != null ? Duration.ofMillis((long) (r.totalRetryBudgetSeconds() * 1000))
                        : d.totalRetryBudget());
    }

    private BudgetEnforcer budgets(JdbcUsageLedger ledger) {
        // always with a store: API keys may bring spend limits of their own
        List<BudgetLimit> limits = budgetLimits(config);
        return new BudgetEnforcer(limits, new JdbcBudgetStore(ledger.database()), Clock.systemUTC(), BudgetOptions.DEFAULT);
    }

    /** The configured budgets as limits; a bad scope or period is a configuration error naming the entry. */
    static List<BudgetLimit> budgetLimits(BatonConfig config) {
        List<BudgetLimit> limits = new ArrayList<>();
        int i = 0;
        for (BatonConfig.BudgetConfig bc : config.budgets()) {
            String where = "budgets[" + i++ + "]";
            BudgetScope scope = parse(BudgetScope.class, bc.scope() == null ? "project" : bc.scope(), where + ".scope");
            BudgetPeriod period = parse(BudgetPeriod.class, bc.period() == null ? "total" : bc.period(), where + ".period");
            try {
                limits.add(new BudgetLimit(scope, bc.key(), period, bc.usd() == null ? null : BigDecimal.valueOf(bc.usd()),
                        bc.tokens(), bc.rpm(), bc.tpm()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": " + e.getMessage());
            }
        }
        return limits;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            Map<String, E> known = new LinkedHashMap<>();
            for (E c : type.getEnumConstants()) known.put(c.name().toLowerCase(Locale.ROOT), c);
            throw new ConfigException(where + ": unknown value '" + value + "' (known: " + String.join(", ", known.keySet()) + ")");
        }
    }
}
