package dev.baton.tool.internal;

import dev.baton.tool.SandboxViolation;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code http_get}: one GET to an allowed host, its body capped. Off unless enabled; redirects are
 * followed by hand (at most five) so every hop's host is checked against the allowlist.
 */
public final class HttpGetTool extends BuiltinTool {

    private static final int MAX_REDIRECTS = 5;

    private static final String DESCRIPTION = """
            Fetches a URL with HTTP GET and returns the status line, the content type and the body as \
            text. Only http and https URLs whose host is on the configured allowlist are fetched \
            (redirects are followed up to 5 times, each to an allowed host only); the tool is off \
            unless enabled in the configuration. The body is cut at the configured size cap (the \
            result then says truncated); bodies that are not text (not text/*, JSON, XML or \
            JavaScript) are described, not returned. The request has no credentials or cookies.""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "url":{"type":"string","description":"the http or https URL to fetch"}
            },"required":["url"],"additionalProperties":false}""";

    private final boolean enabled;
    private final List<String> allowedHosts;
    private final int maxBytes;
    private final HttpClient client;

    /** {@code allowedHosts}: exact host names, or {@code *.example.com} for its subdomains. */
    public HttpGetTool(boolean enabled, List<String> allowedHosts, int maxBytes) {
        super("http_get", ToolCategory.NETWORK, DESCRIPTION, SCHEMA);
        this.enabled = enabled;
        this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    ToolResult run(ObjectNode args, ToolContext ctx) throws Exception {
        if (!enabled) {
            return ToolResult.error("http_get is disabled: set tools.http_get.enabled: true (and list the hosts under "
                    + "tools.http_get.allow_hosts) in the configuration to allow it");
        }
        URI uri = checked(ToolArgs.string(args, "url"));
        Duration timeout = Duration.between(Instant.now(), ctx.deadline());
        if (timeout.compareTo(ctx.sandbox().callTimeLimit()) > 0) timeout = ctx.sandbox().callTimeLimit();
        if (timeout.isNegative() || timeout.isZero()) return ToolResult.error("http_get: no time left before the call's deadline");
        for (int hop = 0; ; hop++) {
            HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                    .header("User-Agent", "baton-http_get").build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 == 3 && location != null) {
                response.body().close();
                if (hop == MAX_REDIRECTS) return ToolResult.error("http_get: more than " + MAX_REDIRECTS + " redirects from " + uri);
                uri = checked(uri.resolve(location).toString());
                continue;
            }
            return result(uri, response);
        }
    }

    private ToolResult result(URI uri, HttpResponse<InputStream> response) throws java.io.IOException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(maxBytes + 1);
        }
        boolean truncated = body.length > maxBytes;
        String type = response.headers().firstValue("Content-Type").orElse("");
        StringBuilder text = new StringBuilder("HTTP ").append(response.statusCode()).append(' ').append(uri).append('\n')
                .append("content-type: ").append(type.isEmpty() ? "(none)" : type).append('\n');
        if (truncated) text.append("body truncated at ").append(maxBytes).append(" bytes\n");
        text.append('\n');
        if (textual(type)) text.append(Utf8.decode(body, maxBytes));
        else text.append("(").append(truncated ? "more than " + maxBytes : body.length).append(" bytes of ")
                .append(type.isEmpty() ? "untyped" : type).append(" content, not shown)");
        ObjectNode structured = JsonNodeFactory.instance.objectNode().put("status", response.statusCode())
                .put("url", uri.toString()).put("content_type", type).put("truncated", truncated);
        return new ToolResult(text.toString(), response.statusCode() >= 400, structured, truncated);
    }

    private URI checked(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("argument 'url' is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!Set.of("http", "https").contains(scheme)) {
            throw new IllegalArgumentException("argument 'url' must be an http or https URL, got '" + url + "'");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) throw new IllegalArgumentException("argument 'url' has no host: '" + url + "'");
        if (!allowed(host)) {
            throw new SandboxViolation("argument 'url': host '" + host + "' is not on the http_get allowlist ("
                    + (allowedHosts.isEmpty() ? "which is empty" : String.join(", ", allowedHosts))
                    + "); add it to tools.http_get.allow_hosts to allow it");
        }
        return uri;
    }

    private boolean allowed(String host) {
        for (String a : allowedHosts) {
            if (a.equals(host)) return true;
            if (a.startsWith("*.") && host.endsWith(a.substring(1))) return true;
        }
        return false;
    }

    private static boolean textual(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("javascript")
                || t.contains("yaml") || t.contains("x-www-form-urlencoded");
    }
}
