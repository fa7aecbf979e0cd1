package dev.baton.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code coordinator:} section of {@code config.yaml} as written. Every value is optional and
 * checked as it is read, so a value outside its range is reported with the file, the line and
 * the range: {@code temperature} 0–1, {@code max_tokens} 1–8192, {@code response_format}
 * {@code json|text}, {@code max_execution_time} 1–300 s, {@code max_cost_usd} 0.10–10.00,
 * {@code job_wait_timeout} 10–300 s, {@code max_parallel_jobs} 1–10. {@code tools} adds tools to
 * the coordinator: a registered tool's name or {@code ensemble:NAME}.
 */
public record CoordinatorConfig(
        @Nullable String profile,
        @JsonProperty("tool_profile") @Nullable String toolProfile,
        @JsonProperty("expert_profile") @Nullable String expertProfile,
        @Nullable Double temperature,
        @JsonProperty("max_tokens") @Nullable Integer maxTokens,
        @JsonProperty("prompts_dir") @Nullable String promptsDir,
        @JsonProperty("response_format") @Nullable String responseFormat,
        @JsonProperty("max_execution_time") @Nullable String maxExecutionTime,
        @JsonProperty("max_cost_usd") @Nullable Double maxCostUsd,
        @JsonProperty("job_wait_timeout") @Nullable String jobWaitTimeout,
        @JsonProperty("max_parallel_jobs") @Nullable Integer maxParallelJobs,
        @Nullable List<String> tools) {

    public static final double MIN_COST_USD = 0.10;
    public static final double MAX_COST_USD = 10.00;
    public static final Duration MIN_EXECUTION_TIME = Duration.ofSeconds(1);
    public static final Duration MAX_EXECUTION_TIME = Duration.ofSeconds(300);

    public CoordinatorConfig {
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (temperature != null) range("temperature", temperature, 0, 1, "0 to 1");
        if (maxTokens != null) range("max_tokens", maxTokens, 1, 8192, "1 to 8192");
        if (responseFormat != null) responseFormat(responseFormat);
        if (maxExecutionTime != null) executionTime("max_execution_time", maxExecutionTime);
        if (maxCostUsd != null) cost("max_cost_usd", maxCostUsd);
        if (jobWaitTimeout != null) seconds("job_wait_timeout", jobWaitTimeout, 10, 300);
        if (maxParallelJobs != null) range("max_parallel_jobs", maxParallelJobs, 1, 10, "1 to 10");
        for (int i = 0; i < tools.size(); i++) {
            String t = tools.get(i);
            if (t == null || !t.matches("(ensemble:)?[A-Za-z0-9_.-]{1,128}")) {
                throw new IllegalArgumentException("tools[" + i + "]: expected a registered tool name or ensemble:NAME, got '" + t + "'");
            }
        }
    }

    /** {@code json} or {@code text}, any case; the lower-case name. */
    public static String responseFormat(String text) {
        String f = text.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("text")) {
            throw new IllegalArgumentException("response_format: expected json or text, got '" + text + "'");
        }
        return f;
    }

    /** A duration of 1 to 300 seconds ({@code 30s}, {@code 2m}, or a number of seconds). */
    public static Duration executionTime(String field, String text) {
        return seconds(field, text, 1, 300);
    }

    /** {@code usd} when it lies in 0.10–10.00. */
    public static double cost(String field, double usd) {
        if (!(usd >= MIN_COST_USD && usd <= MAX_COST_USD)) {
            throw new IllegalArgumentException(field + ": must be between 0.10 and 10.00 USD, got " + usd);
        }
        return usd;
    }

    /** A duration from {@code min} to {@code max} seconds. */
    public static Duration seconds(String field, String text, int min, int max) {
        Duration d = ToolConfigParser.duration(field, text);
        if (d.compareTo(Duration.ofSeconds(min)) < 0 || d.compareTo(Duration.ofSeconds(max)) > 0) {
            throw new IllegalArgumentException(field + ": must be between " + min + "s and " + max + "s, got '" + text + "'");
        }
        return d;
    }

    private static void range(String field, double value, double min, double max, String range) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + ": must be " + range + ", got " + (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)));
        }
    }
}
