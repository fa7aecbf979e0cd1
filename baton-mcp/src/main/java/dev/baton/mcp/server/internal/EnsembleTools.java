package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.load.Problem;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/** {@code list_ensembles} and {@code validate_ensemble}: the ensembles Baton finds, and their problems. */
public final class EnsembleTools {

    private final Baton baton;

    public EnsembleTools(Baton baton) {
        this.baton = baton;
    }

    public ServerTool listEnsembles() {
        return new ServerTool("list_ensembles",
                "List the ensembles in the project (.baton/ensembles) and user tiers: name, description, agents, tier, file and how many problems each has.",
                Schemas.parse("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"),
                Schemas.parse("""
                        {"type":"object","required":["ensembles"],"properties":{"ensembles":{"type":"array","items":{
                          "type":"object","required":["name","agents","tier","file","problems"],"properties":{
                            "name":{"type":"string"},"description":{"type":"string"},"agents":{"type":"integer"},
                            "tier":{"type":"string"},"file":{"type":"string"},"problems":{"type":"integer"},
                            "shadowed":{"type":"boolean"},"error":{"type":"string"}}}}}}"""),
                (args, call) -> list());
    }

    private ToolResult list() {
        ObjectNode listing = listing();
        StringBuilder text = new StringBuilder();
        for (var row : listing.path("ensembles")) {
            text.append(row.path("name").asString()).append(" (").append(row.path("tier").asString()).append(", ")
                    .append(row.path("agents").asInt()).append(" agents")
                    .append(row.path("problems").asInt() == 0 ? "" : ", " + row.path("problems").asInt() + " problems").append(")");
            if (!row.path("description").asString().isEmpty()) text.append(": ").append(row.path("description").asString());
            text.append('\n');
        }
        if (listing.path("ensembles").isEmpty()) text.append("no ensembles in ").append(baton.ensembles().directories());
        return ToolResult.structured(listing, text.toString().strip());
    }

    /** Every ensemble file Baton finds, as {@code list_ensembles} and {@code baton://ensembles} show them. */
    public ObjectNode listing() {
        ArrayNode rows = Schemas.array();
        StringBuilder text = new StringBuilder();
        for (EnsembleEntry e : baton.ensembles().list()) {
            ObjectNode row = rows.addObject().put("name", e.name())
                    .put("description", e.spec() == null || e.spec().description() == null ? "" : e.spec().description())
                    .put("agents", e.spec() == null ? 0 : e.spec().agents().size())
                    .put("tier", e.tier().label()).put("file", e.file().toString())
                    .put("problems", e.problems().size()).put("shadowed", e.shadowed());
            if (e.spec() == null && !e.problems().isEmpty()) row.put("error", e.problems().getFirst().message());
        }
        return Schemas.object().set("ensembles", rows);
    }

    public ServerTool validateEnsemble() {
        return new ServerTool("validate_ensemble",
                "Validate an ensemble (by name or file path): syntax, keys, dependency graph, profiles, scripts and child ensembles. Returns every problem with its line.",
                Schemas.parse("""
                        {"type":"object","required":["ensemble"],"additionalProperties":false,"properties":{
                          "ensemble":{"type":"string","minLength":1,"description":"the ensemble's name or its YAML file"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["ensemble","file","valid","problems"],"properties":{
                          "ensemble":{"type":"string"},"file":{"type":"string"},"valid":{"type":"boolean"},
                          "problems":{"type":"array","items":{"type":"object","required":["message"],"properties":{
                            "file":{"type":"string"},"agent":{"type":"string"},"line":{"type":"integer"},"message":{"type":"string"}}}}}}"""),
                (args, call) -> validate(args.path("ensemble").asString()));
    }

    private ToolResult validate(String name) {
        Ensembles ensembles = baton.ensembles();
        Path file;
        try {
            file = ensembles.locate(name);
        } catch (EnsembleNotFoundException e) {
            return ToolResult.error("field 'ensemble': " + e.getMessage());
        }
        List<Problem> problems = ensembles.validate(file);
        ArrayNode list = Schemas.array();
        for (Problem p : problems) {
            ObjectNode o = list.addObject().put("message", p.message());
            if (p.file() != null) o.put("file", p.file());
            if (p.agent() != null) o.put("agent", p.agent());
            if (p.line() > 0) o.put("line", p.line());
        }
        ObjectNode out = Schemas.object().put("ensemble", name).put("file", file.toString()).put("valid", problems.isEmpty());
        out.set("problems", list);
        String text = problems.isEmpty() ? name + " is valid (" + file + ")"
                : name + " has " + problems.size() + " problem(s):\n"
                        + String.join("\n", problems.stream().map(Problem::toString).toList());
        return ToolResult.structured(out, text);
    }
}
