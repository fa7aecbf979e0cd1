package dev.baton.server.api.internal;

import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import dev.baton.server.Routes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The servlet of {@code /api/v1/*}: matches method and path against route templates
 * ({@code /api/v1/runs/{id}}, a {@code {name}} matching one path segment), names the route for the
 * access log, and turns failures into Baton's error document — a {@link BatonException} with its
 * taxonomy status, anything else as a 500 whose details go to the server log only. A path no
 * template matches is 404; a known path with another method is 405 with {@code Allow}.
 */
public final class ApiRouter extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    /** What serves one route. */
    @FunctionalInterface
    public interface Handler {
        void handle(ApiCall call) throws IOException;
    }

    /** One route: its method and template; {@link #segments} split once. */
    public record Route(String method, String template, Handler handler, List<String> segments) {
        Route(String method, String template, Handler handler) {
            this(method, template, handler, List.of(template.substring(1).split("/")));
        }
    }

    private final String prefix;
    private final ObjectMapper json;
    private final List<Route> routes = new ArrayList<>();

    /** @param prefix the servlet's path, e.g. {@code /api/v1} */
    public ApiRouter(String prefix, ObjectMapper json) {
        this.prefix = prefix;
        this.json = json;
    }

    public ApiRouter get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    public ApiRouter post(String template, Handler handler) {
        return add("POST", template, handler);
    }

    public ApiRouter put(String template, Handler handler) {
        return add("PUT", template, handler);
    }

    public ApiRouter delete(String template, Handler handler) {
        return add("DELETE", template, handler);
    }

    private ApiRouter add(String method, String template, Handler handler) {
        if (!template.startsWith(prefix + "/")) throw new IllegalArgumentException(template + " is not under " + prefix);
        routes.add(new Route(method, template, handler));
        return this;
    }

    /** Every route served, in the order added (the OpenAPI check compares the document with it). */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        List<String> path = segments(req);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), path);
            if (params == null) continue;
            if (!route.method().equals(req.getMethod())) {
                allowed.add(route.method());
                continue;
            }
            Routes.name(req, route.template());
            serve(route, new ApiCall(req, res, params, json));
            return;
        }
        if (allowed.isEmpty()) {
            Routes.name(req, prefix + "/{unmatched}");
            ApiErrors.write(res, new BatonException(ErrorCode.NOT_FOUND, "no route " + req.getMethod() + " "
                    + req.getRequestURI() + "; the routes are listed in " + prefix + "/openapi.json"));
            return;
        }
        Routes.name(req, prefix + "/{unmatched}");
        res.setHeader("Allow", String.join(", ", allowed));
        res.setStatus(405);
        res.setContentType("application/json");
        json.writeValue(res.getOutputStream(), ApiErrors.document(new BatonException(ErrorCode.INVALID_REQUEST,
                req.getMethod() + " is not allowed on " + req.getRequestURI() + "; allowed: " + String.join(", ", allowed))));
    }

    private void serve(Route route, ApiCall call) throws IOException {
        try {
            route.handler().handle(call);
        } catch (EnsembleDefinitionException e) {
            if (call.response().isCommitted()) return;
            ObjectNode doc = ApiErrors.document(e);
            EnsembleRoutes.problems(((ObjectNode) doc.get("error")).putArray("problems"), e.problems());
            call.response().resetBuffer();
            call.send(e.code().httpStatus(), doc);
        } catch (ContentProblemsException e) {
            if (call.response().isCommitted()) return;
            ObjectNode doc = ApiErrors.document(e);
            EnsembleRoutes.problems(((ObjectNode) doc.get("error")).putArray("problems"), e.problems());
            call.response().resetBuffer();
            call.send(e.code().httpStatus(), doc);
        } catch (BatonException e) {
            ApiErrors.write(call.response(), e);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", route.method(), route.template(), e);
            ApiErrors.write(call.response(), new BatonException(ErrorCode.CONFIGURATION,
                    "the server could not answer " + route.method() + " " + route.template() + " (" + e.getClass().getSimpleName()
                            + "); the server log has the details"));
        }
    }

    private List<String> segments(HttpServletRequest req) {
        String servlet = req.getServletPath() == null ? "" : req.getServletPath();
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        String full = servlet + info;
        if (full.endsWith("/") && full.length() > 1) full = full.substring(0, full.length() - 1);
        return List.of(full.substring(1).split("/"));
    }

    private static @Nullable Map<String, String> match(List<String> template, List<String> path) {
        if (template.size() != path.size()) return null;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = path.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (p.isEmpty()) return null;
                params.put(t.substring(1, t.length() - 1), p);
            } else if (!t.equals(p)) {
                return null;
            }
        }
        return params;
    }
}
