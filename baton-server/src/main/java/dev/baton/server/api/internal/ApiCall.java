package dev.baton.server.api.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;

/**
 * One request to a route: the path parameters the route's template matched, the query, the body
 * as JSON (read once), the caller, and the response. Bad input is a {@code INVALID_REQUEST}
 * {@link BatonException} naming the parameter or field.
 */
public final class ApiCall {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Map<String, String> params;
    private final ObjectMapper json;
    private @Nullable JsonNode body;

    ApiCall(HttpServletRequest request, HttpServletResponse response, Map<String, String> params, ObjectMapper json) {
        this.request = request;
        this.response = response;
        this.params = Map.copyOf(params);
        this.json = json;
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    public Caller caller() {
        return Caller.of(request);
    }

    /** The path parameter {@code name} of the route template ({@code {id}}). */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) throw new IllegalStateException("route has no parameter " + name);
        return v;
    }

    /** The query parameter {@code name}, null when absent or empty. */
    public @Nullable String query(String name) {
        String v = request.getParameter(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The integer query parameter {@code name} in {@code [min, max]}, else {@code fallback} when absent. */
    public int queryInt(String name, int fallback, int min, int max) {
        String v = query(name);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("query parameter '" + name + "' must be an integer from " + min + " to " + max + ", not '" + v + "'");
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    public JsonNode body() throws IOException {
        if (body != null) return body;
        byte[] bytes = request.getInputStream().readAllBytes();
        if (bytes.length == 0) {
            body = json.createObjectNode();
            return body;
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(bytes);
        } catch (JacksonException e) {
            throw invalid("the request body is not JSON: " + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) throw invalid("the request body must be a JSON object");
        body = parsed;
        return body;
    }

    /** The body's string field {@code name}; required fields are an error when missing. */
    public @Nullable String string(String name, boolean required) throws IOException {
        JsonNode v = body().get(name);
        if (v == null || v.isNull()) {
            if (required) throw invalid("field '" + name + "' is required");
            return null;
        }
        if (!v.isString()) throw invalid("field '" + name + "' must be a string, not " + kind(v));
        return v.asString();
    }

    /** The body's positive integer field {@code name} at most {@code max}, null when absent. */
    public @Nullable Integer positiveInt(String name, int max) throws IOException {
        JsonNode v = body().get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > max) {
            throw invalid("field '" + name + "' must be an integer from 1 to " + max + ", not " + v);
        }
        return v.asInt();
    }

    /** Rejects body fields other than {@code known}, naming the first unknown one. */
    public void onlyFields(String... known) throws IOException {
        for (String name : body().propertyNames()) {
            if (!java.util.List.of(known).contains(name)) {
                throw invalid("field '" + name + "' is not known here; known fields: " + String.join(", ", known));
            }
        }
    }

    public static String kind(JsonNode v) {
        return v.isObject() ? "an object" : v.isArray() ? "an array" : v.isNumber() ? "a number"
                : v.isBoolean() ? "a boolean" : v.isString() ? "a string" : "null";
    }

    public static BatonException invalid(String message) {
        return new BatonException(ErrorCode.INVALID_REQUEST, message);
    }

    /** Answers {@code status} with {@code value} as JSON. */
    public void send(int status, Object value) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), value);
    }
}
