package dev.baton.server;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The route template a request was served by, for the access log and metrics: a servlet names it
 * ({@code /api/v1/runs/{id}}, never the concrete path, so labels stay few); unnamed requests are
 * logged under the servlet's mapping.
 */
public final class Routes {

    /** The request attribute holding the route template. */
    public static final String ATTRIBUTE = "dev.baton.server.route";

    private Routes() {
    }

    /** Names the route that serves {@code request}. */
    public static void name(HttpServletRequest request, String route) {
        request.setAttribute(ATTRIBUTE, route);
    }

    /** The route's name, else the servlet mapping's pattern, else {@code unmatched}. */
    public static String of(HttpServletRequest request) {
        Object r = request.getAttribute(ATTRIBUTE);
        if (r instanceof String s) return s;
        var mapping = request.getHttpServletMapping();
        if (mapping != null && mapping.getPattern() != null && !mapping.getPattern().isEmpty()) return mapping.getPattern();
        return "unmatched";
    }
}
