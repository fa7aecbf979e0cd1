package dev.baton.provider;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import dev.baton.provider.internal.GoogleRpcDetails;

/**
 * Maps a provider's error answer (HTTP status, headers, body in any of the OpenAI, Anthropic,
 * Gemini or Ollama shapes) onto the error taxonomy. This is the one place where provider error
 * bodies are read; everything downstream decides on {@link ErrorCode} and {@link ErrorReason}.
 */
public final class HttpErrorMapper {

    private static final Pattern KEY_LIKE = Pattern.compile("(sk-|sk_|AIza|xai-|gsk_)[A-Za-z0-9_\\-*]{6,}");
    private static final int MAX_MESSAGE = 500;

    private final ObjectMapper json;

    public HttpErrorMapper(ObjectMapper json) {
        this.json = json;
    }

    /** The failure for a non-2xx answer. {@code settings} is used to scrub the credential. */
    public BatonException map(int status, ResponseHeaders headers, String body, ProviderSettings settings,
                              ErrorContext context) {
        ProviderError err = parse(body);
        String text = err.message().isBlank() ? "HTTP " + status : err.message();
        String message = scrub(settings, "%s answered HTTP %d: %s".formatted(context.provider(), status, text));
        Mapping m = classify(status, err);
        GoogleRpcDetails google = GoogleRpcDetails.parse(json, body);
        if (status == 400 && google.reasons().contains("API_KEY_INVALID")) {
            // Google answers a bad API key with 400 INVALID_ARGUMENT; it is an authentication failure
            m = new Mapping(ErrorCode.AUTHENTICATION, ErrorReason.NONE, null,
                    "check the API key (environment variable or `baton auth add`)");
        }
        BatonException.Builder b = BatonException.builder(m.code(), message)
                .reason(m.reason()).context(context).providerStatus(status).suggestion(m.suggestion());
        if (m.retriable() != null) b.retriable(m.retriable());
        Duration retryAfter = retryAfter(headers);
        if (retryAfter == null) retryAfter = google.retryDelay();
        if (retryAfter != null) b.retryAfter(retryAfter);
        return b.build();
    }

    private record Mapping(ErrorCode code, ErrorReason reason, Boolean retriable, String suggestion) {
        Mapping(ErrorCode code, ErrorReason reason) {
            this(code, reason, null, null);
        }
    }

    private Mapping classify(int status, ProviderError err) {
        String kind = (err.type() + " " + err.code()).toLowerCase(Locale.ROOT);
        String msg = err.message().toLowerCase(Locale.ROOT);
        return switch (status) {
            case 400, 413, 422 -> contextOverflow(kind, msg)
                    ? new Mapping(ErrorCode.INVALID_REQUEST, ErrorReason.CONTEXT_OVERFLOW, null,
                        "shorten the input or use a profile with a larger context window")
                    : safetyBlock(kind) ? new Mapping(ErrorCode.INVALID_REQUEST, ErrorReason.SAFETY_BLOCK)
                    : new Mapping(ErrorCode.INVALID_REQUEST, ErrorReason.NONE);
            case 401 -> new Mapping(ErrorCode.AUTHENTICATION, ErrorReason.NONE, null,
                    "check the API key (environment variable or `baton auth add`)");
            case 402 -> new Mapping(ErrorCode.BUDGET_EXCEEDED, ErrorReason.QUOTA_EXHAUSTED, false,
                    "the provider account is out of credit");
            case 403 -> new Mapping(ErrorCode.PERMISSION_DENIED, ErrorReason.NONE);
            case 404 -> kind.contains("model") || msg.contains("model")
                    ? new Mapping(ErrorCode.MODEL_UNAVAILABLE, ErrorReason.NONE, false,
                        "check the model id with `baton models list`")
                    : new Mapping(ErrorCode.NOT_FOUND, ErrorReason.NONE);
            case 408 -> new Mapping(ErrorCode.TIMEOUT, ErrorReason.NONE);
            case 409 -> new Mapping(ErrorCode.PROVIDER_ERROR, ErrorReason.NONE, true, null);
            case 429 -> kind.contains("insufficient_quota") || kind.contains("billing")
                    ? new Mapping(ErrorCode.BUDGET_EXCEEDED, ErrorReason.QUOTA_EXHAUSTED, false,
                        "the provider account's quota is used up")
                    : new Mapping(ErrorCode.RATE_LIMITED, ErrorReason.NONE);
            case 503 -> new Mapping(ErrorCode.MODEL_UNAVAILABLE, ErrorReason.NONE);
            case 504 -> new Mapping(ErrorCode.TIMEOUT, ErrorReason.NONE);
            case 529 -> new Mapping(ErrorCode.MODEL_UNAVAILABLE, ErrorReason.OVERLOADED);
            default -> status >= 500 ? new Mapping(ErrorCode.PROVIDER_ERROR, ErrorReason.NONE)
                    : new Mapping(ErrorCode.INVALID_REQUEST, ErrorReason.NONE);
        };
    }

    private static boolean contextOverflow(String kind, String msg) {
        return kind.contains("context_length") || kind.contains("too_long")
                || msg.contains("context length") || msg.contains("context window")
                || msg.contains("prompt is too long") || msg.contains("too many tokens")
                || msg.contains("exceeds the maximum number of tokens");
    }

    private static boolean safetyBlock(String kind) {
        return kind.contains("content_filter") || kind.contains("safety") || kind.contains("content_policy");
    }

    /** Error type, code and message found in any of the known body shapes. */
    record ProviderError(String type, String code, String message) {
    }

    ProviderError parse(String body) {
        if (body == null || body.isBlank()) return new ProviderError("", "", "");
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            return new ProviderError("", "", truncate(body.strip()));
        }
        if (root == null || !root.isObject()) return new ProviderError("", "", truncate(body.strip()));
        JsonNode error = root.path("error");
        if (error.isString()) {
            return new ProviderError("", "", truncate(error.asString()));
        }
        JsonNode src = error.isObject() ? error : root;
        String type = src.path("type").asString("");
        if (type.isEmpty()) type = src.path("status").asString("");
        String code = src.path("code").isNumber() ? "" : src.path("code").asString("");
        String message = src.path("message").asString("");
        return new ProviderError(type, code, truncate(message));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
    }

    private static String scrub(ProviderSettings settings, String text) {
        String out = settings == null ? text : settings.scrub(text);
        return KEY_LIKE.matcher(out).replaceAll("****");
    }

    /** The delay asked for by {@code retry-after-ms} or {@code retry-after} (seconds or HTTP date). */
    public static Duration retryAfter(ResponseHeaders headers) {
        if (headers == null) return null;
        var ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.get().strip())));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        var value = headers.firstValue("retry-after");
        if (value.isEmpty()) return null;
        String v = value.get().strip();
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }
}
