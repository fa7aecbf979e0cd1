package dev.baton.server.console.internal;

import dev.baton.server.Routes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code GET /console/*}: the console's files from the class path folder {@link #ROOT}, with their
 * content type, an {@code ETag} (a conditional request is answered 304), a cache policy (the
 * app's own files are revalidated on every load; the libraries under {@code vendor/} are kept for
 * an hour) and a Content-Security-Policy that lets the page load and connect to this server only.
 * {@code /console/} is the page itself. A path outside the folder's plain names (dot segments,
 * backslashes, encoded characters) or a file that is not there is 404.
 */
public final class ConsoleAssets extends HttpServlet {

    /** The class path folder holding the console. */
    public static final String ROOT = "dev/baton/server/console/";

    /** Everything the page loads or calls must come from this server. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/plain; charset=utf-8"));

    private final String root;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    /** @param root a class path folder ending in {@code /} */
    public ConsoleAssets(String root) {
        this.root = root;
    }

    /** One file: its bytes, type and content hash. */
    record Asset(byte[] bytes, String type, String etag) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Routes.name(request, "/console/*");
        String path = request.getPathInfo();
        if (path == null) {
            // /console without the slash: relative URLs in the page need the folder form
            response.setHeader("Location", request.getContextPath() + "/console/");
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            return;
        }
        String name = path.equals("/") ? "index.html" : path.substring(1);
        Asset asset = SAFE.matcher(name).matches() && !name.contains("..") ? find(name) : null;
        commonHeaders(response);
        if (asset == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("no console file '" + name + "'\n");
            return;
        }
        response.setHeader("ETag", asset.etag());
        response.setHeader("Cache-Control", name.startsWith("vendor/") ? "public, max-age=3600" : "no-cache");
        String match = request.getHeader("If-None-Match");
        if (match != null && match.contains(asset.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.type());
        response.setContentLength(asset.bytes().length);
        if (!"HEAD".equals(request.getMethod())) response.getOutputStream().write(asset.bytes());
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    private static void commonHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
    }

    private @Nullable Asset find(String name) {
        Asset hit = cache.get(name);
        if (hit != null) return hit;
        // only files that exist are kept: the names asked for are the client's, so misses are not cached
        Asset loaded = load(name).orElse(null);
        if (loaded != null) cache.putIfAbsent(name, loaded);
        return loaded;
    }

    private Optional<Asset> load(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) return Optional.empty();
        ClassLoader loader = ConsoleAssets.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(root + name)) {
            if (in == null) return Optional.empty();
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(bytes, type, etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console file " + root + name, e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
