package dev.baton.server.console.internal;

import dev.baton.server.Routes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /}: a redirect (302) to the console, so the server's address opens it in a browser. */
public final class RootRedirect extends HttpServlet {

    private final String target;

    public RootRedirect(String target) {
        this.target = target;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        Routes.name(request, "/");
        response.setHeader("Location", target);
        response.setHeader("Cache-Control", "no-cache");
        response.setStatus(HttpServletResponse.SC_FOUND);
    }
}
