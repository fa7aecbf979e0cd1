package dev.baton.provider.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * What Google APIs put in {@code error.details[]} beyond code, message and status: the
 * {@code ErrorInfo} reasons (e.g. {@code API_KEY_INVALID}, sent with HTTP 400) and the
 * {@code RetryInfo} delay (sent with 429 instead of a Retry-After header).
 */
public record GoogleRpcDetails(Set<String> reasons, Duration retryDelay) {

    static final GoogleRpcDetails NONE = new GoogleRpcDetails(Set.of(), null);

    public static GoogleRpcDetails parse(ObjectMapper json, String body) {
        if (body == null || body.indexOf("\"details\"") < 0) return NONE;
        JsonNode details;
        try {
            details = json.readTree(body).path("error").path("details");
        } catch (RuntimeException e) {
            return NONE;
        }
        if (!details.isArray()) return NONE;
        Set<String> reasons = new HashSet<>();
        Duration delay = null;
        for (JsonNode d : details) {
            String reason = d.path("reason").asString("");
            if (!reason.isEmpty()) reasons.add(reason);
            Duration parsed = protoDuration(d.path("retryDelay").asString(""));
            if (parsed != null) delay = parsed;
        }
        return new GoogleRpcDetails(Set.copyOf(reasons), delay);
    }

    /** A protobuf JSON duration such as {@code "37s"} or {@code "1.5s"}; null when not one. */
    static Duration protoDuration(String text) {
        if (text.length() < 2 || !text.endsWith("s")) return null;
        try {
            double seconds = Double.parseDouble(text.substring(0, text.length() - 1));
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
