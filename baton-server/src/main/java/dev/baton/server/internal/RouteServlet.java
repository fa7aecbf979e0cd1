package dev.baton.server.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import dev.baton.server.Route;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A {@link Route} served as a servlet, for a server whose core routes are off
 * ({@code BatonServer.Builder#servletRoutesOnly}): the same route code behind the same guards, so
 * the two ways of serving it can be compared.
 */
final class RouteServlet extends HttpServlet {

    private final String method;
    private final String path;
    private final transient Route route;

    RouteServlet(String method, String path, Route route) {
        this.method = method;
        this.path = path;
        this.route = route;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        ServletExchange exchange = ServletExchange.of(req, res);
        exchange.route(path);
        if (CoreRoutes.answers(method, req.getMethod())) {
            route.serve(exchange);
            return;
        }
        exchange.header("Allow", method);
        ApiErrors.write(exchange, 405, new BatonException(ErrorCode.INVALID_REQUEST,
                req.getMethod() + " is not allowed on " + path + "; use " + method));
    }
}
