package dev.baton.coordinator;

import dev.baton.config.CoordinatorConfig;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One question for the coordinator. {@code query} (plain text or JSON text) is required;
 * {@code requestId} names the request in events, artifacts and the usage ledger (generated when
 * null); {@code context} is extra text the planner sees; {@code parameters} are free-form values
 * passed to the planner; {@code maxExecutionTime} (1–300 s) and {@code maxCost} (0.10–10.00 USD)
 * default to the configuration's. {@link #validated} checks the ranges and fills the defaults.
 */
public record CoordinatorRequest(@Nullable String requestId, String query, @Nullable String context,
                                 Map<String, Object> parameters, @Nullable Duration maxExecutionTime,
                                 @Nullable BigDecimal maxCost) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The longest query accepted, in characters. */
    public static final int MAX_QUERY_CHARS = 100_000;

    public CoordinatorRequest {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A request for {@code query} with every other value defaulted. */
    public static CoordinatorRequest of(String query) {
        return new CoordinatorRequest(null, query, null, Map.of(), null, null);
    }

    public CoordinatorRequest withMaxCost(@Nullable BigDecimal usd) {
        return new CoordinatorRequest(requestId, query, context, parameters, maxExecutionTime, usd);
    }

    public CoordinatorRequest withMaxExecutionTime(@Nullable Duration d) {
        return new CoordinatorRequest(requestId, query, context, parameters, d, maxCost);
    }

    public CoordinatorRequest withContext(@Nullable String text) {
        return new CoordinatorRequest(requestId, query, text, parameters, maxExecutionTime, maxCost);
    }

    public CoordinatorRequest withRequestId(@Nullable String id) {
        return new CoordinatorRequest(id, query, context, parameters, maxExecutionTime, maxCost);
    }

    /**
     * This request checked and completed: an id, the time and cost limits of {@code settings} where
     * none is given.
     *
     * @throws BatonException {@code INVALID_REQUEST} naming the field and its valid range
     */
    public CoordinatorRequest validated(CoordinatorSettings settings) {
        if (query == null || query.isBlank()) throw invalid("query", "is required and may not be blank");
        if (query.length() > MAX_QUERY_CHARS) throw invalid("query", "may have at most " + MAX_QUERY_CHARS + " characters, got " + query.length());
        if (requestId != null && !ID.matcher(requestId).matches()) {
            throw invalid("request_id", "must be 1 to 64 letters, digits, '.', '_' or '-', got '" + requestId + "'");
        }
        Duration time = maxExecutionTime != null ? maxExecutionTime : settings.maxExecutionTime();
        if (time.compareTo(CoordinatorConfig.MIN_EXECUTION_TIME) < 0 || time.compareTo(CoordinatorConfig.MAX_EXECUTION_TIME) > 0) {
            throw invalid("max_execution_time", "must be between 1s and 300s, got " + seconds(time));
        }
        BigDecimal cost = maxCost != null ? maxCost : settings.maxCostUsd();
        if (cost.compareTo(BigDecimal.valueOf(CoordinatorConfig.MIN_COST_USD)) < 0
                || cost.compareTo(BigDecimal.valueOf(CoordinatorConfig.MAX_COST_USD)) > 0) {
            throw invalid("max_cost", "must be between 0.10 and 10.00 USD, got " + cost.toPlainString());
        }
        String id = requestId != null ? requestId : "coord-" + UUID.randomUUID().toString().substring(0, 13);
        return new CoordinatorRequest(id, query, context, parameters, time, cost);
    }

    /** The id; only after {@link #validated}. */
    public String id() {
        if (requestId == null) throw new IllegalStateException("request not validated yet");
        return requestId;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static BatonException invalid(String field, String why) {
        return BatonException.builder(ErrorCode.INVALID_REQUEST, field + ": " + why).retriable(false).build();
    }
}
