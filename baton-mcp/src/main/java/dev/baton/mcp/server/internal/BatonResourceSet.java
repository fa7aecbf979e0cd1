package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.artifact.RunMetrics;
import dev.baton.artifact.StoredRun;
import dev.baton.ensemble.run.RunResult;
import dev.baton.mcp.server.McpServerRegistry;
import dev.baton.mcp.server.RequestContext;
import dev.baton.mcp.server.ResourceContent;
import dev.baton.mcp.server.ServerResource;
import dev.baton.mcp.server.ServerResourceTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Baton's read-only resources: the ensembles, one ensemble's YAML, the profiles, an ensemble's
 * recorded runs, one run's {@code execution.json}, an ensemble's run metrics, the usage stats and
 * the budgets, each read in the project of the session reading it ({@link ProjectScope}). The JSON
 * is the same as the matching tools' structured results. An unknown name or id is an error naming it.
 */
public final class BatonResourceSet {

    private static final String JSON = "application/json";
    private static final int ARTIFACT_LIMIT = 100;
    private static final int METRICS_LIMIT = 1000;

    private final ProjectScope scope;

    public BatonResourceSet(ProjectScope scope) {
        this.scope = scope;
    }

    public void register(McpServerRegistry registry) {
        registry.resource(new ServerResource("baton://ensembles", "Ensembles",
                "The ensembles of the project and user tiers (as list_ensembles returns them)", JSON,
                (RequestContext c) -> json("baton://ensembles", scope.read(c, b -> new EnsembleTools(b).listing()))));
        registry.resource(new ServerResource("baton://profiles", "Profiles",
                "The model profiles, every value resolved, credentials as hints only", JSON,
                (RequestContext c) -> json("baton://profiles", scope.read(c, b -> new ProfileTools(b).listing()))));
        registry.resourceTemplate(new ServerResourceTemplate("baton://ensemble/{name}", "Ensemble",
                "One ensemble's YAML definition", "application/yaml",
                (c, uri, vars) -> scope.read(c, b -> ensembleYaml(b, uri, vars.get("name")))));
        registry.resourceTemplate(new ServerResourceTemplate("baton://artifacts/{ensemble}", "Recorded runs",
                "An ensemble's recorded runs, newest first (at most " + ARTIFACT_LIMIT + ")", JSON,
                (c, uri, vars) -> json(uri, scope.read(c, b -> new ArtifactTools(b).listing(vars.get("ensemble"), ARTIFACT_LIMIT)))));
        registry.resourceTemplate(new ServerResourceTemplate("baton://artifact/{ensemble}/{id}", "Recorded run",
                "One recorded run's execution.json ('latest' for the newest)", JSON,
                (c, uri, vars) -> json(uri, scope.read(c, b -> run(b, vars.get("ensemble"), vars.get("id")).json()))));
        registry.resourceTemplate(new ServerResourceTemplate("baton://metrics/{ensemble}", "Run metrics",
                "An ensemble's success rate, runs per status, average cost and duration over its recorded runs (the newest "
                        + METRICS_LIMIT + ")", JSON, (c, uri, vars) -> json(uri, scope.read(c, b -> metrics(b, vars.get("ensemble"))))));
        registry.resource(new ServerResource("baton://stats", "Usage stats",
                "Calls, errors, tokens, cost and latency from the usage ledger over the last " + UsageTools.DEFAULT_SINCE
                        + ", by profile (as the stats tool returns them)", JSON,
                (RequestContext c) -> json("baton://stats",
                        scope.read(c, b -> new UsageTools(b).statsListing(UsageTools.DEFAULT_SINCE, "profile")))));
        registry.resource(new ServerResource("baton://budgets", "Budgets",
                "Each configured budget with its spend, reservations and what remains (as the budgets tool returns them)", JSON,
                (RequestContext c) -> json("baton://budgets", scope.read(c, b -> new UsageTools(b).budgetListing()))));
        registry.resourceWatch(new ProjectWatch(scope));
    }

    private static JsonNode metrics(Baton baton, String ensemble) {
        baton.ensembles().locate(ensemble); // unknown: EnsembleNotFoundException listing the known names
        List<RunResult> runs = baton.ensembles().artifacts().list(ensemble, METRICS_LIMIT).stream().map(StoredRun::result).toList();
        RunMetrics m = RunMetrics.of(ensemble, runs);
        ObjectNode out = Schemas.object().put("ensemble", ensemble).put("runs", m.runs()).put("success_rate", m.successRate())
                .put("average_cost_usd", m.averageCostUsd()).put("average_duration_ms", m.averageDurationMs())
                .put("total_cost_usd", m.totalCostUsd()).put("last_run_at", m.lastRunAt() == null ? null : m.lastRunAt().toString());
        ObjectNode byStatus = out.putObject("by_status");
        m.byStatus().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> byStatus.put(e.getKey().wire(), e.getValue()));
        return out;
    }

    private static List<ResourceContent> ensembleYaml(Baton baton, String uri, String name) {
        Path file = baton.ensembles().locate(name); // unknown: EnsembleNotFoundException listing the known names
        try {
            return List.of(ResourceContent.text(uri, "application/yaml", Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ensemble " + name + " (" + file + "): " + e.getMessage(), e);
        }
    }

    private static StoredRun run(Baton baton, String ensemble, String id) {
        return new ArtifactTools(baton).run(ensemble, id).orElseThrow(() ->
                new IllegalArgumentException("no recorded run " + ensemble + "/" + id + " (see baton://artifacts/" + ensemble + ")"));
    }

    private static List<ResourceContent> json(String uri, JsonNode node) {
        return List.of(ResourceContent.text(uri, JSON, Schemas.pretty(node)));
    }
}
