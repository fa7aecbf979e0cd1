package dev.baton;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ProfileDefaultsChatModel;
import dev.baton.config.ProfileResolver;
import dev.baton.config.ProviderRegistry;
import dev.baton.config.ResolvedProfile;
import dev.baton.llm.ChatModel;
import dev.baton.pipeline.OpenAiTokenCounts;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.RetryPolicy;
import dev.baton.pipeline.ValidatedChatModel;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.routing.RoutingRules;
import dev.baton.store.SqliteBudgetStore;
import dev.baton.store.SqliteUsageLedger;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the call pipeline from the configuration: one {@link PipelineProfile} per configured
 * profile (plus {@code default} and {@code offline}), each a lazily made provider adapter with
 * its profile's defaults, retry policy and fallbacks; the SQLite usage ledger; budgets; routing;
 * and output validation as an attempt decorator (invalid output falls back to the next profile).
 */
final class ModelWiring {

    private final BatonConfig config;
    private final ProviderRegistry providers;
    private final ProfileResolver profiles;
    private final ObjectMapper json;
    private final List<AutoCloseable> adapters = new ArrayList<>();

    ModelWiring(BatonConfig config, ProviderRegistry providers, ProfileResolver profiles, ObjectMapper json) {
        this.config = config;
        this.providers = providers;
        this.profiles = profiles;
        this.json = json;
    }

    List<AutoCloseable> adapters() {
        return adapters;
    }

    /** The pipeline over every configured profile, writing usage to {@code database}. */
    Pipeline pipeline(Path database) {
        SqliteUsageLedger ledger = SqliteUsageLedger.open(database);
        BudgetEnforcer budgets = budgets(ledger);
        Pipeline.Builder b = base(ledger, budgets);
        Set<String> names = new LinkedHashSet<>(config.profiles().keySet());
        names.add(ProfileResolver.DEFAULT);
        names.add(ProfileResolver.OFFLINE);
        for (String name : names) b.profile(profile(profiles.resolve(name), name));
        b.routing(new RoutingRules(config.routing(), ProfileResolver.DEFAULT, config.aliases()));
        return b.build();
    }

    /** A one-profile pipeline for an ad-hoc {@code provider/model}, sharing the main ledger and budgets. */
    Pipeline adHoc(Pipeline main, String ref) {
        Pipeline.Builder b = base(main.ledger(), main.budgets());
        b.profile(profile(profiles.resolve(ref), ref));
        return b.build();
    }

    private Pipeline.Builder base(dev.baton.usage.UsageLedger ledger, BudgetEnforcer budgets) {
        return Pipeline.builder().ledger(ledger).budgets(budgets).clock(Clock.systemUTC())
                .attemptDecorator(m -> new ValidatedChatModel(m, json));
    }

    private PipelineProfile profile(ResolvedProfile p, String name) {
        ProviderSettings ps = p.provider().withRequestTimeout(p.timeout());
        ProviderFactory factory = providers.factory(ps.kind()).orElseThrow(() ->
                new ConfigException("no adapter for provider kind '" + ps.kind() + "' on the classpath"));
        LazyChatModel adapter = new LazyChatModel(() -> factory.create(ps, p.model(), p.info(), json), p.info());
        adapters.add(adapter);
        ProfileDefaultsChatModel model = new ProfileDefaultsChatModel(adapter, p);
        return PipelineProfile.builder(name, model).info(p.info()).timeout(p.timeout())
                .requestDefaults(model::apply)
                .exactInput(OpenAiTokenCounts.forDeployment(ps.kind(), ps.baseUrl(), p.model()).orElse(null))
                .fallbacks(p.fallback()).retry(retryPolicy()).maxTokens(p.maxTokens())
                .credential(ps.apiKey() == null ? null : ps.name() + ":" + ps.apiKey().hint())
                .build();
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

    private BudgetEnforcer budgets(SqliteUsageLedger ledger) {
        List<BudgetLimit> limits = budgetLimits(config);
        if (limits.isEmpty()) return BudgetEnforcer.unlimited();
        return new BudgetEnforcer(limits, new SqliteBudgetStore(ledger.database()), Clock.systemUTC(), BudgetOptions.DEFAULT);
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
