package dev.baton.server.api.internal;

import dev.baton.server.Routes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /api/v1/openapi.json}: the API's OpenAPI 3.1 document, a resource of this module, served as is. */
public final class OpenApiServlet extends HttpServlet {

    /** The document's resource path. */
    public static final String RESOURCE = "/dev/baton/server/api/openapi.json";

    private final byte[] document;

    public OpenApiServlet() {
        try (InputStream in = OpenApiServlet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path");
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Routes.name(req, "/api/v1/openapi.json");
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "public, max-age=300");
        res.getOutputStream().write(document);
    }
}
