package dev.baton.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration as written in {@code config.yaml}, one tier or several merged. Every map is
 * keyed by the name used elsewhere in the configuration.
 */
public record BatonConfig(
        @JsonProperty("default_profile") String defaultProfile,
        Map<String, ProviderConfig> providers,
        Map<String, ProfileConfig> profiles,
        Map<String, String> aliases,
        Map<String, List<String>> routing,
        List<BudgetConfig> budgets,
        RetryConfig retry,
        DefaultsConfig defaults,
        StoreConfig store,
        ToolsConfig tools,
        @JsonProperty("mcp_servers") Map<String, McpServerSettings> mcpServers,
        ServerConfig server,
        TelemetryConfig telemetry,
        CoordinatorConfig coordinator,
        ContextConfig context,
        MemoryConfig memory,
        WorkerConfig worker) {

    public static final BatonConfig EMPTY = new BatonConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** A configuration without a {@code worker:} section. */
    public BatonConfig(String defaultProfile, Map<String, ProviderConfig> providers, Map<String, ProfileConfig> profiles,
                       Map<String, String> aliases, Map<String, List<String>> routing, List<BudgetConfig> budgets,
                       RetryConfig retry, DefaultsConfig defaults, StoreConfig store, ToolsConfig tools,
                       Map<String, McpServerSettings> mcpServers, ServerConfig server, TelemetryConfig telemetry,
                       CoordinatorConfig coordinator, ContextConfig context, MemoryConfig memory) {
        this(defaultProfile, providers, profiles, aliases, routing, budgets, retry, defaults, store, tools, mcpServers,
                server, telemetry, coordinator, context, memory, null);
    }

    /** A configuration without {@code context:} and {@code memory:} sections. */
    public BatonConfig(String defaultProfile, Map<String, ProviderConfig> providers, Map<String, ProfileConfig> profiles,
                       Map<String, String> aliases, Map<String, List<String>> routing, List<BudgetConfig> budgets,
                       RetryConfig retry, DefaultsConfig defaults, StoreConfig store, ToolsConfig tools,
                       Map<String, McpServerSettings> mcpServers, ServerConfig server, TelemetryConfig telemetry,
                       CoordinatorConfig coordinator) {
        this(defaultProfile, providers, profiles, aliases, routing, budgets, retry, defaults, store, tools, mcpServers,
                server, telemetry, coordinator, null, null);
    }

    public BatonConfig {
        providers = providers == null ? Map.of() : unmodifiable(providers);
        profiles = profiles == null ? Map.of() : unmodifiable(profiles);
        aliases = aliases == null ? Map.of() : unmodifiable(aliases);
        routing = routing == null ? Map.of() : unmodifiable(routing);
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        mcpServers = mcpServers == null ? Map.of() : unmodifiable(mcpServers);
    }

    private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** This configuration with {@code over}'s values winning: named entries replace same-named ones whole. */
    public BatonConfig overrideWith(BatonConfig over) {
        return new BatonConfig(
                over.defaultProfile != null ? over.defaultProfile : defaultProfile,
                merge(providers, over.providers), merge(profiles, over.profiles), merge(aliases, over.aliases),
                merge(routing, over.routing),
                over.budgets.isEmpty() ? budgets : over.budgets,
                over.retry != null ? over.retry : retry,
                over.defaults != null ? over.defaults : defaults,
                over.store != null ? over.store : store,
                over.tools != null ? over.tools : tools,
                merge(mcpServers, over.mcpServers),
                over.server != null ? over.server : server,
                over.telemetry != null ? over.telemetry : telemetry,
                over.coordinator != null ? over.coordinator : coordinator,
                over.context != null ? over.context : context,
                over.memory != null ? over.memory : memory,
                over.worker != null ? over.worker : worker);
    }

    /** This configuration without the named profiles. */
    public BatonConfig withoutProfiles(java.util.Collection<String> names) {
        Map<String, ProfileConfig> kept = new LinkedHashMap<>(profiles);
        kept.keySet().removeAll(names);
        return new BatonConfig(defaultProfile, providers, kept, aliases, routing, budgets, retry, defaults, store, tools,
                mcpServers, server, telemetry, coordinator, context, memory, worker);
    }

    private static <V> Map<String, V> merge(Map<String, V> base, Map<String, V> over) {
        Map<String, V> out = new LinkedHashMap<>(base);
        out.putAll(over);
        return out;
    }

    /** A configured provider: which adapter ({@code kind}), where, and with which credential. */
    public record ProviderConfig(
            String kind,
            @JsonProperty("base_url") String baseUrl,
            @JsonProperty("api_key") String apiKey,
            Map<String, String> headers,
            String organization,
            String project,
            @JsonProperty("timeout_seconds") Double timeoutSeconds,
            @JsonProperty("connect_timeout_seconds") Double connectTimeoutSeconds,
            Map<String, Object> options,
            String persona) {

        /** A provider without a persona. */
        public ProviderConfig(String kind, String baseUrl, String apiKey, Map<String, String> headers, String organization,
                              String project, Double timeoutSeconds, Double connectTimeoutSeconds, Map<String, Object> options) {
            this(kind, baseUrl, apiKey, headers, organization, project, timeoutSeconds, connectTimeoutSeconds, options, null);
        }
    }

    /** A named model set-up: provider, model and call defaults. */
    public record ProfileConfig(
            String provider,
            String model,
            Double temperature,
            @JsonProperty("max_tokens") Integer maxTokens,
            @JsonProperty("timeout_seconds") Double timeoutSeconds,
            @JsonProperty("system_prompt") String systemPrompt,
            Map<String, Object> options,
            PricesConfig prices,
            @JsonProperty("context_window") Integer contextWindow,
            @JsonProperty("max_output_tokens") Integer maxOutputTokens,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> fallback,
            String description,
            String persona) {
        public ProfileConfig {
            fallback = fallback == null ? List.of() : List.copyOf(fallback);
        }

        /** A profile without a persona. */
        public ProfileConfig(String provider, String model, Double temperature, Integer maxTokens, Double timeoutSeconds,
                             String systemPrompt, Map<String, Object> options, PricesConfig prices, Integer contextWindow,
                             Integer maxOutputTokens, List<String> fallback, String description) {
            this(provider, model, temperature, maxTokens, timeoutSeconds, systemPrompt, options, prices, contextWindow,
                    maxOutputTokens, fallback, description, null);
        }
    }

    /**
     * {@code context:} how {@code baton chat} and the context shaper fit a conversation into a
     * model's window. Every value is optional; {@link dev.baton.context.ContextSettings} holds the defaults.
     */
    public record ContextConfig(String history,
                                @JsonProperty("output_reserve_tokens") Integer outputReserveTokens,
                                @JsonProperty("retention_messages") Integer retentionMessages,
                                @JsonProperty("summary_profile") String summaryProfile,
                                @JsonProperty("count_endpoints") Boolean countEndpoints,
                                @JsonProperty("count_endpoint_min_tokens") Integer countEndpointMinTokens) {
    }

    /** USD per million tokens. */
    public record PricesConfig(Double input, @JsonProperty("cached_input") Double cachedInput, Double output) {
        public PricesConfig {
            // a negative price would write negative costs into the ledger and refund budgets
            dev.baton.llm.Prices.requireNotNegative("input", input == null ? null : java.math.BigDecimal.valueOf(input));
            dev.baton.llm.Prices.requireNotNegative("cached_input", cachedInput == null ? null : java.math.BigDecimal.valueOf(cachedInput));
            dev.baton.llm.Prices.requireNotNegative("output", output == null ? null : java.math.BigDecimal.valueOf(output));
        }
    }

    /** A spending or rate limit. */
    public record BudgetConfig(String scope, String key, String period, Double usd, Long tokens, Integer rpm,
                               Integer tpm) {
    }

    /** Retry behaviour for retriable failures. */
    public record RetryConfig(@JsonProperty("max_attempts") Integer maxAttempts,
                              @JsonProperty("base_delay_ms") Long baseDelayMs,
                              @JsonProperty("max_delay_ms") Long maxDelayMs,
                              @JsonProperty("max_retry_after_seconds") Double maxRetryAfterSeconds,
                              @JsonProperty("total_retry_budget_seconds") Double totalRetryBudgetSeconds) {
    }

    /** Values used where nothing more specific is set. */
    public record DefaultsConfig(@JsonProperty("timeout_seconds") Double timeoutSeconds,
                                 @JsonProperty("max_concurrency") Integer maxConcurrency) {
    }

    /**
     * Where the usage ledger, budgets, audit log and API keys live: {@code kind: sqlite} (the
     * default) with an optional {@code path}, or {@code kind: postgres} with a JDBC {@code url},
     * {@code user}, {@code password} (write it as {@code ${ENV_VAR}}; never printed) and
     * {@code pool_size}. A value that cannot work is refused naming its field, never the password.
     */
    public record StoreConfig(String kind, String path, String url, String user, String password,
                              @JsonProperty("pool_size") Integer poolSize) {

        /** The largest pool a store may ask for: PostgreSQL's own connection limit is usually 100. */
        public static final int MAX_POOL_SIZE = 200;

        public StoreConfig {
            String k = kind == null || kind.isBlank() ? (url != null ? "postgres" : "sqlite")
                    : kind.strip().toLowerCase(java.util.Locale.ROOT);
            if (!k.equals("sqlite") && !k.equals("postgres")) {
                throw new IllegalArgumentException("unknown store kind '" + kind + "' (known: sqlite, postgres)");
            }
            kind = k;
            if (k.equals("sqlite")) {
                if (url != null || user != null || password != null || poolSize != null) {
                    throw new IllegalArgumentException("url, user, password and pool_size are for kind: postgres"
                            + " (this store is kind: sqlite)");
                }
            } else {
                if (path != null) {
                    throw new IllegalArgumentException("path is for kind: sqlite (a postgres store has a url)");
                }
                if (url != null && !url.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("url must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB)");
                }
                if (poolSize != null && (poolSize < 2 || poolSize > MAX_POOL_SIZE)) {
                    throw new IllegalArgumentException("pool_size must be between 2 and " + MAX_POOL_SIZE
                            + " (one connection is the writer's)");
                }
            }
        }

        /** The single-field form of older configurations: a SQLite file. */
        public StoreConfig(String path) {
            this(null, path, null, null, null, null);
        }

        @Override
        public String toString() {
            return "StoreConfig[kind=" + kind + ", path=" + path + ", url="
                    + (url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1****")) + ", user=" + user
                    + ", password=" + (password == null ? null : "****") + ", pool_size=" + poolSize + "]";
        }
    }

    /**
     * {@code baton serve}: where it listens, whether it serves MCP at {@code /mcp} (default yes),
     * whether every route needs an API key (default yes; {@code false} only on loopback), a static
     * bearer token accepted besides API keys (write it as {@code ${ENV_VAR}}; never logged),
     * browser origins allowed besides loopback ones, origins that get CORS headers, the body size
     * limit, the shutdown grace, the per-key concurrency limit and the host names it answers to
     * besides its own address (behind a reverse proxy), and the gateway's agentic serving model
     * ({@code agentic:}; null when not configured).
     */
    public record ServerConfig(String host, Integer port, Boolean mcp, String token,
                               @JsonProperty("allowed_origins") List<String> allowedOrigins,
                               Boolean auth,
                               @JsonProperty("cors_origins") List<String> corsOrigins,
                               @JsonProperty("max_request_bytes") Integer maxRequestBytes,
                               @JsonProperty("request_timeout_seconds") Double requestTimeoutSeconds,
                               @JsonProperty("shutdown_grace_seconds") Double shutdownGraceSeconds,
                               @JsonProperty("max_concurrent_per_key") Integer maxConcurrentPerKey,
                               @JsonProperty("allowed_hosts") List<String> allowedHosts,
                               @JsonProperty("metrics_public") Boolean metricsPublic,
                               AgenticConfig agentic) {
        public ServerConfig {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
            corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        }

        /** Nothing set: every value its default. */
        public static ServerConfig empty() {
            return new ServerConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "ServerConfig[host=" + host + ", port=" + port + ", mcp=" + mcp + ", token="
                    + (token == null ? "none" : "set") + ", allowedOrigins=" + allowedOrigins + ", auth=" + auth
                    + ", corsOrigins=" + corsOrigins + ", maxRequestBytes=" + maxRequestBytes + ", requestTimeoutSeconds="
                    + requestTimeoutSeconds + ", shutdownGraceSeconds=" + shutdownGraceSeconds
                    + ", maxConcurrentPerKey=" + maxConcurrentPerKey + ", allowedHosts=" + allowedHosts
                    + ", metricsPublic=" + metricsPublic + ", agentic=" + agentic + "]";
        }
    }

    /**
     * {@code server.agentic}: the gateway model name ({@code model}, default {@code agentic}) whose
     * chat turns each run the serving ensemble {@code ensemble} with the conversation as input, in
     * the manner of llm-orc's agentic serving.
     */
    public record AgenticConfig(String model, String ensemble) {

        /** The model name clients ask for. */
        public static final String DEFAULT_MODEL = "agentic";

        public AgenticConfig {
            model = model == null || model.isBlank() ? DEFAULT_MODEL : model.strip();
        }
    }

    /**
     * Tracing: {@code capture_content} puts prompts and outputs on spans (off by default: they may
     * hold personal data). Where spans go is set by the standard {@code OTEL_*} variables.
     */
    public record TelemetryConfig(@JsonProperty("capture_content") Boolean captureContent) {

        /** Whether prompts and outputs go on spans. */
        public boolean capturesContent() {
            return Boolean.TRUE.equals(captureContent);
        }
    }
}
