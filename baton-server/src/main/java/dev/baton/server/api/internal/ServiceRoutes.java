package dev.baton.server.api.internal;

import dev.baton.Baton;
import dev.baton.ProviderHealth;
import dev.baton.artifact.RunListingJson;
import dev.baton.artifact.StoredRun;
import dev.baton.config.ProfileJson;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.Caller;
import dev.baton.tool.AuditLog;
import dev.baton.usage.BudgetStatusJson;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.UsageStatsJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-only routes over Baton's other services: recorded runs ({@code /artifacts}), profiles,
 * providers' health, usage stats, budgets and the tool audit log. Each parses its query, calls one
 * core service and renders what it answers.
 */
public final class ServiceRoutes {

    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,5})([mhd])");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Baton baton;
    private final ObjectMapper json;

    public ServiceRoutes(Baton baton) {
        this.baton = baton;
        this.json = baton.json();
    }

    public void mount(ApiRouter router) {
        router.get("/api/v1/artifacts", this::artifacts)
                .get("/api/v1/artifacts/{ensemble}/{execution}", this::artifact)
                .get("/api/v1/profiles", this::profiles)
                .get("/api/v1/providers", this::providers)
                .get("/api/v1/stats", this::stats)
                .get("/api/v1/budgets", this::budgets)
                .get("/api/v1/audit", this::audit);
    }

    private void artifacts(ApiCall call) throws IOException {
        int limit = call.queryInt("limit", 50, 1, 500);
        var runs = baton.ensembles().artifacts().list(call.query("ensemble"), limit).stream().map(RunListingJson::of).toList();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("runs", json.valueToTree(runs));
        call.send(200, out);
    }

    private void artifact(ApiCall call) throws IOException {
        String ensemble = call.param("ensemble");
        String execution = call.param("execution");
        StoredRun run = baton.ensembles().artifacts().show(ensemble, execution).orElseThrow(() ->
                new BatonException(ErrorCode.NOT_FOUND, "no recorded run '" + execution + "' of ensemble '" + ensemble + "'"));
        call.send(200, run.json());
    }

    /** The profiles the caller may use (all of them for a key without a profile list). */
    private void profiles(ApiCall call) throws IOException {
        Caller caller = call.caller();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var rows = out.putArray("profiles");
        for (String name : baton.profiles().names().stream().sorted().toList()) {
            if (!caller.mayUse(name)) continue;
            try {
                rows.add(json.valueToTree(ProfileJson.of(baton.profile(name))));
            } catch (BatonException e) {
                rows.addObject().put("name", name).put("error", e.getMessage());
            }
        }
        call.send(200, out);
    }

    private void providers(ApiCall call) throws IOException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("providers", json.valueToTree(ProviderHealth.check(baton, PROBE_TIMEOUT)));
        call.send(200, out);
    }

    private void stats(ApiCall call) throws IOException {
        String since = call.query("since") == null ? "24h" : call.query("since");
        Matcher m = WINDOW.matcher(since);
        if (!m.matches()) throw ApiCall.invalid("query parameter 'since' must be minutes, hours or days such as 30m, 24h, 7d, not '" + since + "'");
        long n = Long.parseLong(m.group(1));
        Duration window = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        String by = call.query("by") == null ? "none" : call.query("by").toLowerCase(Locale.ROOT);
        StatsQuery.GroupBy groupBy = Arrays.stream(StatsQuery.GroupBy.values())
                .filter(g -> g.name().equalsIgnoreCase(by)).findFirst().orElseThrow(() -> ApiCall.invalid(
                        "query parameter 'by' must be one of " + Arrays.stream(StatsQuery.GroupBy.values())
                                .map(g -> g.name().toLowerCase(Locale.ROOT)).toList() + ", not '" + by + "'"));
        Instant now = Instant.now();
        var rows = baton.pipeline().ledger().query(StatsQuery.last(window, now, groupBy));
        call.send(200, new UsageStatsJson(now.minus(window).toString(), by, rows.stream().map(UsageStatsJson.Row::of).toList()));
    }

    private void budgets(ApiCall call) throws IOException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("budgets", json.valueToTree(baton.pipeline().budgets().status().stream().map(BudgetStatusJson::of).toList()));
        call.send(200, out);
    }

    private void audit(ApiCall call) throws IOException {
        Instant since = instant(call.query("since"));
        int limit = call.queryInt("limit", 100, 1, 1000);
        var entries = baton.tools().audit().list(new AuditLog.Filter(call.query("run_id"), call.query("tool"), since, limit));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var rows = out.putArray("entries");
        for (AuditLog.Entry e : entries) {
            rows.addObject().put("run_id", e.runId()).put("agent", e.agent()).put("tool", e.tool())
                    .put("arguments", e.arguments()).put("decision", e.decision()).put("decided_by", e.decidedBy())
                    .put("started_at", e.started().toString()).put("ended_at", e.ended().toString())
                    .put("outcome", e.outcome().name().toLowerCase(Locale.ROOT)).put("output_bytes", e.outputBytes())
                    .put("truncated", e.truncated());
        }
        call.send(200, out);
    }

    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiCall.invalid("query parameter 'since' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, not '" + text + "'");
        }
    }
}
