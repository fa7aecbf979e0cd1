package dev.baton.config.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.CoordinatorConfig;
import dev.baton.config.McpOAuthSettings;
import dev.baton.config.McpServerSettings;
import dev.baton.config.MemoryConfig;
import dev.baton.config.ToolsConfig;
import dev.baton.config.WorkerConfig;

import static dev.baton.config.internal.ConfigValues.BOOLEAN;
import static dev.baton.config.internal.ConfigValues.DOUBLE;
import static dev.baton.config.internal.ConfigValues.INTEGER;
import static dev.baton.config.internal.ConfigValues.LONG;
import static dev.baton.config.internal.ConfigValues.OBJECT_MAP;
import static dev.baton.config.internal.ConfigValues.STRING;
import static dev.baton.config.internal.ConfigValues.STRING_LIST;
import static dev.baton.config.internal.ConfigValues.STRING_LIST_MAP;
import static dev.baton.config.internal.ConfigValues.STRING_MAP;
import static dev.baton.config.internal.ConfigValues.STRING_OR_LIST;
import static dev.baton.config.internal.ConfigValues.listOf;
import static dev.baton.config.internal.ConfigValues.mapOf;
import static dev.baton.config.internal.RecordShape.field;

/**
 * Every record of {@code config.yaml}, key by key, in the order of the record's components.
 * {@code ConfigShapesTest} checks each shape against its record (same keys as the record's
 * properties, same kinds), so a component added to a record without its key here fails a test.
 */
final class ConfigShapes {

    private ConfigShapes() {
    }

    static final RecordShape<BatonConfig.PricesConfig> PRICES = RecordShape.of(
            v -> new BatonConfig.PricesConfig(v.get(0), v.get(1), v.get(2)),
            field("input", DOUBLE), field("cached_input", DOUBLE), field("output", DOUBLE));

    static final RecordShape<BatonConfig.ProviderConfig> PROVIDER = RecordShape.of(
            v -> new BatonConfig.ProviderConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    v.get(7), v.get(8), v.get(9)),
            field("kind", STRING), field("base_url", STRING), field("api_key", STRING), field("headers", STRING_MAP),
            field("organization", STRING), field("project", STRING), field("timeout_seconds", DOUBLE),
            field("connect_timeout_seconds", DOUBLE), field("options", OBJECT_MAP), field("persona", STRING));

    static final RecordShape<BatonConfig.ProfileConfig> PROFILE = RecordShape.of(
            v -> new BatonConfig.ProfileConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    v.get(7), v.get(8), v.get(9), v.get(10), v.get(11), v.get(12)),
            field("provider", STRING), field("model", STRING), field("temperature", DOUBLE), field("max_tokens", INTEGER),
            field("timeout_seconds", DOUBLE), field("system_prompt", STRING), field("options", OBJECT_MAP),
            field("prices", PRICES), field("context_window", INTEGER), field("max_output_tokens", INTEGER),
            field("fallback", STRING_OR_LIST), field("description", STRING), field("persona", STRING));

    static final RecordShape<BatonConfig.BudgetConfig> BUDGET = RecordShape.of(
            v -> new BatonConfig.BudgetConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)),
            field("scope", STRING), field("key", STRING), field("period", STRING), field("usd", DOUBLE),
            field("tokens", LONG), field("rpm", INTEGER), field("tpm", INTEGER));

    static final RecordShape<BatonConfig.RetryConfig> RETRY = RecordShape.of(
            v -> new BatonConfig.RetryConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
            field("max_attempts", INTEGER), field("base_delay_ms", LONG), field("max_delay_ms", LONG),
            field("max_retry_after_seconds", DOUBLE), field("total_retry_budget_seconds", DOUBLE));

    static final RecordShape<BatonConfig.DefaultsConfig> DEFAULTS = RecordShape.of(
            v -> new BatonConfig.DefaultsConfig(v.get(0), v.get(1)),
            field("timeout_seconds", DOUBLE), field("max_concurrency", INTEGER));

    private static final RecordShape<BatonConfig.StoreConfig> STORE_MAPPING = RecordShape.of(
            v -> new BatonConfig.StoreConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5)),
            field("kind", STRING), field("path", STRING), field("url", STRING), field("user", STRING),
            field("password", STRING), field("pool_size", INTEGER));

    /** {@code store:} as a mapping, or as the path of a SQLite file (the form of older configurations). */
    static final ConfigValue<BatonConfig.StoreConfig> STORE = new ConfigValue<>() {
        @Override
        public BatonConfig.StoreConfig read(YamlNode node, Site site, ConfigReading reading) {
            if (node instanceof YamlNode.Scalar s && s.token() == tools.jackson.core.JsonToken.VALUE_STRING) {
                return new BatonConfig.StoreConfig(ConfigValues.STRING.read(s, site, reading));
            }
            return STORE_MAPPING.read(node, site, reading);
        }

        @Override
        public String expected() {
            return STORE_MAPPING.expected();
        }
    };

    static final RecordShape<ToolsConfig.HttpGetConfig> HTTP_GET = RecordShape.of(
            v -> new ToolsConfig.HttpGetConfig(v.get(0), v.get(1), v.get(2)),
            field("enabled", BOOLEAN), field("allow_hosts", STRING_LIST), field("max_bytes", STRING));

    static final RecordShape<ToolsConfig.RunCommandConfig> RUN_COMMAND = RecordShape.of(
            v -> new ToolsConfig.RunCommandConfig(v.get(0)),
            field("shell", BOOLEAN));

    static final RecordShape<ToolsConfig> TOOLS = RecordShape.of(
            v -> new ToolsConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7), v.get(8)),
            field("mode", STRING), field("allow", STRING_LIST), field("deny", STRING_LIST), field("workspace", STRING),
            field("time_limit", STRING), field("output_cap", STRING), field("http_get", HTTP_GET),
            field("run_command", RUN_COMMAND), field("approval_timeout", STRING));

    static final RecordShape<McpOAuthSettings> OAUTH = RecordShape.of(
            v -> new McpOAuthSettings(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)),
            field("client_id", STRING), field("client_secret", STRING), field("scopes", STRING_LIST),
            field("redirect_uri", STRING), field("grant", STRING), field("client_metadata_url", STRING),
            field("private_key", STRING));

    static final RecordShape<McpServerSettings> MCP_SERVER = RecordShape.of(
            v -> new McpServerSettings(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7), v.get(8)),
            field("command", STRING), field("args", STRING_LIST), field("env", STRING_MAP), field("cwd", STRING),
            field("url", STRING), field("headers", STRING_MAP), field("category", STRING),
            field("timeout_seconds", DOUBLE), field("oauth", OAUTH));

    static final RecordShape<BatonConfig.AgenticConfig> AGENTIC = RecordShape.of(
            v -> new BatonConfig.AgenticConfig(v.get(0), v.get(1)),
            field("model", STRING), field("ensemble", STRING));

    static final RecordShape<BatonConfig.ServerConfig> SERVER = RecordShape.of(
            v -> new BatonConfig.ServerConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    v.get(7), v.get(8), v.get(9), v.get(10), v.get(11), v.get(12), v.get(13)),
            field("host", STRING), field("port", INTEGER), field("mcp", BOOLEAN), field("token", STRING),
            field("allowed_origins", STRING_LIST), field("auth", BOOLEAN), field("cors_origins", STRING_LIST),
            field("max_request_bytes", INTEGER), field("request_timeout_seconds", DOUBLE),
            field("shutdown_grace_seconds", DOUBLE), field("max_concurrent_per_key", INTEGER),
            field("allowed_hosts", STRING_LIST), field("metrics_public", BOOLEAN), field("agentic", AGENTIC));

    static final RecordShape<BatonConfig.TelemetryConfig> TELEMETRY = RecordShape.of(
            v -> new BatonConfig.TelemetryConfig(v.get(0)),
            field("capture_content", BOOLEAN));

    static final RecordShape<CoordinatorConfig> COORDINATOR = RecordShape.of(
            v -> new CoordinatorConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7),
                    v.get(8), v.get(9), v.get(10), v.get(11)),
            field("profile", STRING), field("tool_profile", STRING), field("expert_profile", STRING),
            field("temperature", DOUBLE), field("max_tokens", INTEGER), field("prompts_dir", STRING),
            field("response_format", STRING), field("max_execution_time", STRING), field("max_cost_usd", DOUBLE),
            field("job_wait_timeout", STRING), field("max_parallel_jobs", INTEGER), field("tools", STRING_LIST));

    static final RecordShape<BatonConfig.ContextConfig> CONTEXT = RecordShape.of(
            v -> new BatonConfig.ContextConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5)),
            field("history", STRING), field("output_reserve_tokens", INTEGER), field("retention_messages", INTEGER),
            field("summary_profile", STRING), field("count_endpoints", BOOLEAN), field("count_endpoint_min_tokens", INTEGER));

    static final RecordShape<MemoryConfig> MEMORY = RecordShape.of(
            v -> new MemoryConfig(v.get(0), v.get(1), v.get(2), v.get(3)),
            field("embedding_profile", STRING), field("summary_profile", STRING), field("max_file_bytes", LONG),
            field("search_tokens", INTEGER));

    static final RecordShape<WorkerConfig> WORKER = RecordShape.of(
            v -> new WorkerConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)),
            field("enabled", BOOLEAN), field("threads", INTEGER), field("replica", STRING),
            field("poll_interval_seconds", DOUBLE), field("heartbeat_seconds", DOUBLE), field("missed_heartbeats", INTEGER),
            field("shutdown_wait_seconds", DOUBLE));

    /** The whole {@code config.yaml}. */
    static final RecordShape<BatonConfig> CONFIG = RecordShape.of(
            v -> new BatonConfig(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7), v.get(8),
                    v.get(9), v.get(10), v.get(11), v.get(12), v.get(13), v.get(14), v.get(15), v.get(16)),
            field("default_profile", STRING), field("providers", mapOf(PROVIDER)), field("profiles", mapOf(PROFILE)),
            field("aliases", STRING_MAP), field("routing", STRING_LIST_MAP), field("budgets", listOf(BUDGET)),
            field("retry", RETRY), field("defaults", DEFAULTS), field("store", STORE), field("tools", TOOLS),
            field("mcp_servers", mapOf(MCP_SERVER)), field("server", SERVER), field("telemetry", TELEMETRY),
            field("coordinator", COORDINATOR), field("context", CONTEXT), field("memory", MEMORY), field("worker", WORKER));
}
