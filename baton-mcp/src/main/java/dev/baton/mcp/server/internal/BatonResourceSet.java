package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.artifact.StoredRun;
import dev.baton.mcp.server.McpServerRegistry;
import dev.baton.mcp.server.ResourceContent;
import dev.baton.mcp.server.ServerResource;
import dev.baton.mcp.server.ServerResourceTemplate;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Baton's read-only resources: the ensembles, one ensemble's YAML, the profiles, an ensemble's
 * recorded runs and one run's {@code execution.json}. The JSON is the same as the matching tools'
 * structured results. An unknown name or id is an error naming it.
 */
public final class BatonResourceSet {

    private static final String JSON = "application/json";
    private static final int ARTIFACT_LIMIT = 100;

    private final Baton baton;
    private final EnsembleTools ensembles;
    private final ProfileTools profiles;
    private final ArtifactTools artifacts;

    public BatonResourceSet(Baton baton) {
        this.baton = baton;
        this.ensembles = new EnsembleTools(baton);
        this.profiles = new ProfileTools(baton);
        this.artifacts = new ArtifactTools(baton);
    }

    public void register(McpServerRegistry registry) {
        registry.resource(new ServerResource("baton://ensembles", "Ensembles",
                "The ensembles of the project and user tiers (as list_ensembles returns them)", JSON,
                () -> json("baton://ensembles", ensembles.listing())));
        registry.resource(new ServerResource("baton://profiles", "Profiles",
                "The model profiles, every value resolved, credentials as hints only", JSON,
                () -> json("baton://profiles", profiles.listing())));
        registry.resourceTemplate(new ServerResourceTemplate("baton://ensemble/{name}", "Ensemble",
                "One ensemble's YAML definition", "application/yaml", (uri, vars) -> ensembleYaml(uri, vars.get("name"))));
        registry.resourceTemplate(new ServerResourceTemplate("baton://artifacts/{ensemble}", "Recorded runs",
                "An ensemble's recorded runs, newest first (at most " + ARTIFACT_LIMIT + ")", JSON,
                (uri, vars) -> json(uri, artifacts.listing(vars.get("ensemble"), ARTIFACT_LIMIT))));
        registry.resourceTemplate(new ServerResourceTemplate("baton://artifact/{ensemble}/{id}", "Recorded run",
                "One recorded run's execution.json ('latest' for the newest)", JSON,
                (uri, vars) -> json(uri, run(vars.get("ensemble"), vars.get("id")).json())));
    }

    private List<ResourceContent> ensembleYaml(String uri, String name) {
        Path file = baton.ensembles().locate(name); // unknown: EnsembleNotFoundException listing the known names
        try {
            return List.of(ResourceContent.text(uri, "application/yaml", Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ensemble " + name + " (" + file + "): " + e.getMessage(), e);
        }
    }

    private StoredRun run(String ensemble, String id) {
        return artifacts.run(ensemble, id).orElseThrow(() ->
                new IllegalArgumentException("no recorded run " + ensemble + "/" + id + " (see baton://artifacts/" + ensemble + ")"));
    }

    private static List<ResourceContent> json(String uri, JsonNode node) {
        return List.of(ResourceContent.text(uri, JSON, Schemas.pretty(node)));
    }
}
