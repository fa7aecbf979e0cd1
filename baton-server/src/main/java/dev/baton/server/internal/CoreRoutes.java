package dev.baton.server.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import dev.baton.server.Route;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes served on Jetty's core request and response, ahead of the servlet context it wraps: a
 * request for one of their exact paths passes the same {@link GuardChain} as the servlets' and is
 * answered here (no servlet wrappers, no filter chain); every other request goes on to the servlets.
 * Used for the gateway's hot routes, whose per-request cost the servlet layer dominated.
 */
public final class CoreRoutes extends Handler.Wrapper {

    /** A route and the one method it answers. */
    private record Entry(String method, Route route) {
    }

    private final GuardChain guards;
    private final Map<String, Entry> routes = new ConcurrentHashMap<>();

    public CoreRoutes(GuardChain guards, Handler servlets) {
        super(servlets);
        this.guards = guards;
    }

    /** Serves {@code method path} (an exact path) with {@code route}; added before the server starts. */
    public void add(String method, String path, Route route) {
        if (routes.putIfAbsent(path, new Entry(method, route)) != null) {
            throw new IllegalArgumentException("route " + path + " is mounted twice");
        }
    }

    /** Whether {@code path} is served here. */
    public boolean serves(String path) {
        return routes.containsKey(path);
    }

    /**
     * Whether a route of {@code routeMethod} serves a request of {@code requestMethod}: its own
     * method, and HEAD for a GET route (served as the GET; Jetty sends the head without the body).
     */
    static boolean answers(String routeMethod, String requestMethod) {
        return routeMethod.equals(requestMethod) || ("HEAD".equals(requestMethod) && "GET".equals(routeMethod));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        Entry entry = routes.get(path);
        if (entry == null) return super.handle(request, response, callback);
        CoreExchange exchange = new CoreExchange(request, response, path);
        try {
            guards.run(exchange, x -> {
                if (answers(entry.method, x.method())) entry.route.serve(x);
                else {
                    x.header("Allow", entry.method);
                    ApiErrors.write(x, 405, new BatonException(ErrorCode.INVALID_REQUEST,
                            x.method() + " is not allowed on " + path + "; use " + entry.method));
                }
            });
            exchange.complete();
            callback.succeeded();
        } catch (Throwable t) {
            callback.failed(t);
        }
        return true;
    }
}
