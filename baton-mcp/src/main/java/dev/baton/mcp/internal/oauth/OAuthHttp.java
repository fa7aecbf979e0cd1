package dev.baton.mcp.internal.oauth;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The HTTP exchanges of the OAuth flow, on their own client that never follows redirects (the
 * authorization endpoint's redirect carries the code). Bodies of answers are parsed as JSON;
 * nothing here logs a request or a response.
 */
final class OAuthHttp {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration timeout;

    OAuthHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10)).build();
    }

    /** The JSON object at {@code url}, or null when it answers anything but 200 with a JSON object, or cannot be reached. */
    @Nullable JsonNode getJson(URI url) throws InterruptedException {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Accept", "application/json").header("MCP-Protocol-Version", "2025-06-18").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return null;
            JsonNode node = JSON.readTree(r.body());
            return node != null && node.isObject() ? node : null;
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A GET whose answer is not followed: the authorization request. */
    HttpResponse<String> getNoRedirect(URI url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code form} (URL-encoded) to {@code url}, with {@code basicAuth} as the Authorization header when not null. */
    HttpResponse<String> postForm(URI url, Map<String, String> form, @Nullable String basicAuth)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
        if (basicAuth != null) b.header("Authorization", basicAuth);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body} as JSON. */
    HttpResponse<String> postJson(URI url, Object body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String formEncode(Map<String, String> form) {
        StringJoiner out = new StringJoiner("&");
        form.forEach((k, v) -> out.add(encode(k) + "=" + encode(v)));
        return out.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The object in {@code body}, or an empty one when it is not JSON. */
    static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    /** A string field, or null when absent or not text. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() && !v.asString().isEmpty() ? v.asString() : null;
    }
}
