package dev.baton.server.internal;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.baton.Baton;
import dev.baton.server.Routes;
import dev.baton.usage.StatsQuery;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: 200 while the process serves. {@code /readyz}: 200 when the store answers a
 * query and at least one profile is configured, else 503; the body names each check's state.
 */
public final class HealthServlet extends HttpServlet {

    private final Baton baton;
    private final ObjectMapper json;
    private final boolean readiness;
    private final BooleanSupplier stopping;

    public HealthServlet(Baton baton, ObjectMapper json, boolean readiness, BooleanSupplier stopping) {
        this.baton = baton;
        this.json = json;
        this.readiness = readiness;
        this.stopping = stopping;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Routes.name(request, readiness ? "/readyz" : "/healthz");
        ObjectNode body = json.createObjectNode();
        boolean ok = true;
        if (stopping.getAsBoolean()) {
            ok = false;
            body.put("stopping", true);
        }
        if (readiness) {
            ObjectNode checks = body.putObject("checks");
            try {
                baton.pipeline().ledger().query(new StatsQuery(java.time.Instant.now(), StatsQuery.GroupBy.NONE));
                checks.put("store", "ok");
            } catch (RuntimeException e) {
                ok = false;
                checks.put("store", "error: " + e.getMessage());
            }
            List<String> profiles = baton.pipeline().profiles().keySet().stream()
                    .filter(p -> !p.equals("offline")).sorted().toList();
            if (profiles.isEmpty()) {
                ok = false;
                checks.put("providers", "no profile configured");
            } else {
                checks.put("providers", "ok");
                checks.putPOJO("profiles", profiles);
            }
        }
        body.put("status", ok ? "ok" : "unavailable");
        response.setStatus(ok ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getOutputStream(), body);
    }
}
