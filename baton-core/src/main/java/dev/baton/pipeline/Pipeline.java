package dev.baton.pipeline;

import dev.baton.llm.ChatModel;
import dev.baton.llm.Prices;
import dev.baton.routing.internal.Router;
import dev.baton.routing.RoutingRules;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetSubject;
import dev.baton.usage.UsageLedger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import dev.baton.pipeline.internal.BudgetedChatModel;
import dev.baton.pipeline.internal.DeadlineChatModel;
import dev.baton.pipeline.internal.DeadlineTimer;
import dev.baton.pipeline.internal.ExtensibleChainChatModel;
import dev.baton.pipeline.internal.FallbackCandidate;
import dev.baton.pipeline.internal.FallbackChatModel;
import dev.baton.pipeline.internal.FallbackGraph;
import dev.baton.pipeline.internal.JsonOutputValidator;
import dev.baton.pipeline.internal.RecordingChatModel;
import dev.baton.pipeline.internal.RetryingChatModel;
import dev.baton.pipeline.internal.RoutedChatModel;
import dev.baton.pipeline.internal.UsagePricing;
import dev.baton.pipeline.internal.ValidatedChatModel;
import dev.baton.pipeline.internal.WorstCaseCost;
import dev.baton.observe.internal.TracedChatModel;

/**
 * The call pipeline, built once from the profiles, routing rules, usage ledger and budgets. The
 * decorator order is written here and nowhere else. For a profile P with fallback chain
 * [P, F1, F2...] a call goes through
 * <pre>
 * Budgeted → Recorded → Deadline → [output decorators, e.g. Validated] → Fallback
 *     → for each profile of the chain: [attempt decorators] → Validated → Retrying → Cooldown → provider
 * </pre>
 * Budgets are outermost so a refused call costs nothing and nothing below runs; they price the
 * request each profile of the chain will really send (its {@link PipelineProfile#requestDefaults()}
 * applied: system prompt, max tokens), because profile defaults are applied innermost, by each
 * profile's own model, and reserve the dearest candidate; recording sits
 * inside them so it sees every call that ran, with the cost the budget then settles; the deadline
 * wraps validation and fallback so one deadline spans every retry, fallback and repair; retries are
 * per profile, inside the fallback, so a chain moves on only after a profile's retries are spent;
 * output validation ({@link ValidatedChatModel}, always present) is per profile, outside its
 * retries: a JSON answer is checked, repaired once, and a profile whose repaired answer is still
 * invalid fails with {@code VALIDATION}, so the chain falls back;
 * cooldown is innermost so every attempt, retries included, counts towards a deployment's health.
 * With {@linkplain Builder#telemetry tracing} on, a span wraps the whole call (outside the budget,
 * so a refused call is traced too) and one each provider attempt (inside the cooldown: a refused
 * attempt never reached the provider); without it neither decorator is there.
 * <p>
 * A call may extend its chain with more profiles ({@link dev.baton.llm.CallPolicy#fallbacks()}, an
 * agent's {@code fallback_model_profile}): it then goes through the composed chain of all of them,
 * so there is one fallback mechanism and the budget prices every profile the call may reach.
 * Composed models are cached per chain and thread-safe. {@link #close()} stops the deadline timer
 * (unless it was handed one: a shared timer belongs to whoever made it), then closes the budgets
 * (releasing this process's leases) and the ledger (flushing it).
 */
public final class Pipeline implements AutoCloseable {

    private final Map<String, PipelineProfile> profiles;
    private final FallbackGraph graph;
    private final Router router;
    private final UsageLedger ledger;
    private final BudgetEnforcer budgets;
    private final Clock clock;
    private final CooldownRegistry cooldowns;
    private final DeadlineTimer timer;
    private final boolean ownsTimer;
    private final TokenEstimator estimator;
    private final List<UnaryOperator<ChatModel>> outputDecorators;
    private final JsonOutputValidator validator;
    private final Map<String, FallbackCandidate> candidates = new HashMap<>();
    private final UsagePricing pricing;
    private final ConcurrentHashMap<List<String>, ChatModel> chains = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<List<String>, ChatModel> extensible = new ConcurrentHashMap<>();
    /** {@link #forProfile} by the name asked for: aliases and fallback chains are fixed once built. */
    private final ConcurrentHashMap<String, ChatModel> byName = new ConcurrentHashMap<>();
    private final ChatModel routed;
    private final dev.baton.observe.Telemetry telemetry;
    private final dev.baton.observe.BatonObserver observer;

    private Pipeline(Builder b) {
        if (b.profiles.isEmpty()) throw new IllegalArgumentException("a pipeline needs at least one profile");
        this.profiles = Map.copyOf(b.profiles);
        Map<String, List<String>> edges = new HashMap<>();
        profiles.forEach((name, p) -> edges.put(name, p.fallbacks()));
        this.graph = new FallbackGraph(edges);
        graph.validate();
        Map<String, Integer> windows = new HashMap<>();
        profiles.forEach((name, p) -> windows.put(name, p.info().contextWindow()));
        RoutingRules rules = b.routing != null ? b.routing : RoutingRules.defaultOnly(b.profiles.keySet().iterator().next());
        this.router = new Router(rules, windows);
        this.ledger = b.ledger;
        this.budgets = b.budgets;
        this.clock = b.clock;
        this.cooldowns = b.cooldowns != null ? b.cooldowns : new CooldownRegistry(b.cooldownPolicy, clock);
        this.estimator = b.estimator;
        this.outputDecorators = List.copyOf(b.outputDecorators);
        this.validator = b.validator;
        this.telemetry = b.telemetry;
        this.observer = b.observer;
        this.ownsTimer = b.timer == null;
        this.timer = ownsTimer ? new DeadlineTimer(clock) : b.timer;
        Map<String, Prices> prices = new HashMap<>();
        profiles.forEach((name, p) -> {
            if (p.effectivePrices() != null) prices.put(name, p.effectivePrices());
            candidates.put(name, candidate(p, b.attemptDecorators));
        });
        this.pricing = new UsagePricing(Map.copyOf(prices), estimator);
        this.routed = new RoutedChatModel(this, estimator);
    }

    public static Builder builder() {
        return new Builder();
    }

    private FallbackCandidate candidate(PipelineProfile p, List<UnaryOperator<ChatModel>> attemptDecorators) {
        ChatModel m = p.model();
        if (telemetry.enabled()) m = TracedChatModel.providerAttempt(m, p.name(), telemetry);
        m = new CooldownChatModel(m, p.deployment(), cooldowns);
        String provider = p.info().provider();
        String model = p.info().model();
        m = new RetryingChatModel(m, p.retry(), clock, e -> observer.retrying(p.name(), provider, model, e.code()));
        m = new ValidatedChatModel(m, validator);
        for (UnaryOperator<ChatModel> d : attemptDecorators) m = d.apply(m);
        return new FallbackCandidate(p.name(), m, p.info(), p.maxTokens(), true);
    }

    /**
     * The model of a profile (or alias) with its whole decorator chain, falling back along the
     * profile's {@code fallback:} chain.
     *
     * @throws dev.baton.error.BatonException NOT_FOUND for an unknown profile or alias
     */
    public ChatModel forProfile(String profileOrAlias) {
        ChatModel known = byName.get(profileOrAlias);
        if (known != null) return known;
        return byName.computeIfAbsent(profileOrAlias, p -> chain(graph.chain(router.resolve(p))));
    }

    /**
     * The model the router picks for {@code taskType} and this input size; its chain is the
     * picked profile's fallbacks followed by the rest of the task type's route.
     */
    public ChatModel forTask(String taskType, long estimatedInputTokens) {
        String picked = router.route(taskType, estimatedInputTokens);
        List<String> route = router.routeOf(taskType);
        List<String> order = new ArrayList<>();
        order.add(picked);
        int at = route.indexOf(picked);
        if (at >= 0) order.addAll(route.subList(at + 1, route.size()));
        return chain(graph.chain(order));
    }

    /**
     * A model that routes each request: to the profile or alias in metadata {@code profile} if
     * set, else by metadata {@code task_type} and the estimated input size.
     */
    public ChatModel routed() {
        return routed;
    }

    /** The chain of {@code names}, which a call's {@code CallPolicy.fallbacks} may extend. */
    private ChatModel chain(List<String> names) {
        ChatModel known = extensible.get(names);
        if (known != null) return known;
        return extensible.computeIfAbsent(names, n -> new ExtensibleChainChatModel(n, this::fallbackChain, this::composed));
    }

    /** The composed model of exactly the chain {@code names}, cached. */
    private ChatModel composed(List<String> names) {
        ChatModel known = chains.get(names);
        if (known != null) return known;
        return chains.computeIfAbsent(List.copyOf(names), this::compose);
    }

    private ChatModel compose(List<String> names) {
        PipelineProfile entry = profiles.get(names.getFirst());
        List<FallbackCandidate> chain = new ArrayList<>(names.size());
        List<WorstCaseCost.Candidate> priced = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            FallbackCandidate c = candidates.get(names.get(i));
            chain.add(i == 0 ? c : c.asFallback());
            PipelineProfile p = profiles.get(names.get(i));
            priced.add(new WorstCaseCost.Candidate(p.effectivePrices(), p.requestDefaults(), p.maxTokens(),
                    p.info().maxOutputTokens(), p.exactInput()));
        }
        ChatModel m = new FallbackChatModel(chain, estimator, clock);
        for (UnaryOperator<ChatModel> d : outputDecorators) m = d.apply(m);
        m = new DeadlineChatModel(m, entry.timeout(), timer, clock);
        m = new RecordingChatModel(m, entry.name(), ledger, pricing, clock);
        WorstCaseCost worst = WorstCaseCost.of(priced, TokenEstimator.UTF8_UPPER_BOUND);
        BudgetSubject subject = new BudgetSubject(entry.name(), entry.info().provider(), entry.credential(), null);
        ChatModel budgeted = new BudgetedChatModel(m, budgets, subject, worst);
        return telemetry.enabled() ? TracedChatModel.pipelineCall(budgeted, entry.name(), telemetry) : budgeted;
    }

    /** The profile names of the chain {@link #forProfile} uses for {@code profileOrAlias}. */
    public List<String> fallbackChain(String profileOrAlias) {
        return graph.chain(router.resolve(profileOrAlias));
    }

    /** The profile a request without a task type (or with one {@code routing:} does not list) goes to. */
    public String defaultProfile() {
        return router.defaultProfile();
    }

    /** Cooldown state of every deployment called, for {@code baton providers status}. */
    public CooldownRegistry cooldowns() {
        return cooldowns;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    public BudgetEnforcer budgets() {
        return budgets;
    }

    public Map<String, PipelineProfile> profiles() {
        return profiles;
    }

    @Override
    public void close() {
        if (ownsTimer) timer.close();
        try {
            budgets.close();
        } finally {
            ledger.close();
        }
    }

    /** Builder for {@link Pipeline}; only profiles are required. */
    public static final class Builder {
        private final Map<String, PipelineProfile> profiles = new LinkedHashMap<>();
        private RoutingRules routing;
        private UsageLedger ledger = UsageLedger.none();
        private BudgetEnforcer budgets = BudgetEnforcer.unlimited();
        private Clock clock = Clock.systemUTC();
        private CooldownPolicy cooldownPolicy = CooldownPolicy.DEFAULT;
        private CooldownRegistry cooldowns;
        private DeadlineTimer timer;
        private TokenEstimator estimator = TokenEstimator.CHARS_PER_TOKEN;
        private JsonOutputValidator validator = new JsonOutputValidator();
        private final List<UnaryOperator<ChatModel>> outputDecorators = new ArrayList<>();
        private final List<UnaryOperator<ChatModel>> attemptDecorators = new ArrayList<>();
        private dev.baton.observe.Telemetry telemetry = dev.baton.observe.Telemetry.off();
        private dev.baton.observe.BatonObserver observer = new dev.baton.observe.BatonObserver() { };

        private Builder() {
        }

        /** Adds a profile; the first one added is the default when no routing rules are given. */
        public Builder profile(PipelineProfile profile) {
            if (profiles.putIfAbsent(profile.name(), profile) != null) {
                throw new IllegalArgumentException("duplicate profile '" + profile.name() + "'");
            }
            return this;
        }

        public Builder profiles(Map<String, PipelineProfile> profiles) {
            profiles.values().forEach(this::profile);
            return this;
        }

        public Builder routing(RoutingRules routing) { this.routing = routing; return this; }
        public Builder ledger(UsageLedger ledger) { this.ledger = Objects.requireNonNull(ledger); return this; }
        public Builder budgets(BudgetEnforcer budgets) { this.budgets = Objects.requireNonNull(budgets); return this; }
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }
        public Builder cooldown(CooldownPolicy policy) { this.cooldownPolicy = Objects.requireNonNull(policy); return this; }
        /**
         * Shares these circuit breakers with other pipelines (the registry's policy then applies,
         * not {@link #cooldown}): a deployment's health is one, whichever pipeline calls it.
         */
        public Builder cooldowns(CooldownRegistry registry) { this.cooldowns = Objects.requireNonNull(registry); return this; }

        /** Shares this deadline timer with other pipelines; its maker closes it, {@link Pipeline#close()} does not. */
        public Builder timer(DeadlineTimer timer) { this.timer = Objects.requireNonNull(timer); return this; }
        /** Traces calls and provider attempts with this telemetry (default: off, no tracing decorator). */
        public Builder telemetry(dev.baton.observe.Telemetry telemetry) { this.telemetry = Objects.requireNonNull(telemetry); return this; }
        /** Told of every retry (default: nobody); recorded calls reach observers through the ledger. */
        public Builder observer(dev.baton.observe.BatonObserver observer) { this.observer = Objects.requireNonNull(observer); return this; }
        public Builder tokenEstimator(TokenEstimator estimator) { this.estimator = Objects.requireNonNull(estimator); return this; }
        /** The validator of JSON output (to share its schema cache); a new one by default. */
        public Builder outputValidator(JsonOutputValidator validator) { this.validator = Objects.requireNonNull(validator); return this; }

        /**
         * Adds a decorator around the fallback chain, inside the deadline (the place of output
         * validation and repair). Decorators added first sit innermost. A {@code VALIDATION}
         * failure raised here ends the call: to make a profile's invalid output fall back to the
         * next profile, use {@link #attemptDecorator}.
         */
        public Builder outputDecorator(UnaryOperator<ChatModel> decorator) {
            outputDecorators.add(Objects.requireNonNull(decorator));
            return this;
        }

        /**
         * Adds a decorator around each profile's attempt inside the fallback chain (outside its
         * retries): a {@code VALIDATION} failure raised here makes the chain try the next profile.
         */
        public Builder attemptDecorator(UnaryOperator<ChatModel> decorator) {
            attemptDecorators.add(Objects.requireNonNull(decorator));
            return this;
        }

        /**
         * @throws dev.baton.error.BatonException INVALID_REQUEST for a fallback cycle or an unknown
         *                                        profile in fallbacks or routing
         */
        public Pipeline build() {
            return new Pipeline(this);
        }
    }
}
