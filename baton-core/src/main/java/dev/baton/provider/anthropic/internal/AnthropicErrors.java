package dev.baton.provider.anthropic.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorContext;
import dev.baton.provider.HttpErrorMapper;
import dev.baton.provider.ProviderSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Maps an {@code error} event received in the middle of a stream (the HTTP answer was already
 * 200) onto the taxonomy, by the HTTP status the API uses for the same error type, so that a
 * mid-stream {@code overloaded_error} is the same retriable MODEL_UNAVAILABLE/OVERLOADED as a 529.
 */
public final class AnthropicErrors {

    private final ObjectMapper json;
    private final HttpErrorMapper mapper;
    private final ProviderSettings settings;

    public AnthropicErrors(ObjectMapper json, ProviderSettings settings) {
        this.json = json;
        this.mapper = new HttpErrorMapper(json);
        this.settings = settings;
    }

    /** The HTTP status the API answers with for an error {@code type}. */
    static int statusOf(String type) {
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    /** The failure for the {@code event} node of an {@code error} stream event. */
    public BatonException midStream(JsonNode event, ErrorContext context) {
        JsonNode error = event.path("error");
        String type = error.path("type").asString("api_error");
        BatonException mapped = mapper.map(statusOf(type), null, json.writeValueAsString(event), settings, context);
        String detail = error.path("message").asString(type);
        String message = settings.scrub(context.provider() + " reported " + type + " mid-stream: " + detail);
        return BatonException.builder(mapped.code(), message).reason(mapped.reason()).context(context)
                .retriable(mapped.retriable()).suggestion(mapped.suggestion().orElse(null)).build();
    }
}
