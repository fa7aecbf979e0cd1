package dev.baton.mcp.server.internal;

import dev.baton.EnsembleRequirements;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.error.BatonException;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

/** {@code check_ensemble_runnable} and {@code list_dependencies}, through {@link EnsembleRequirements}. */
public final class ReadinessTools {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final String ENSEMBLE_ARG = """
            {"type":"object","required":["ensemble"],"additionalProperties":false,"properties":{
              "ensemble":{"type":"string","minLength":1,"description":"the ensemble's name or YAML file"}}}""";

    private final ProjectScope scope;

    public ReadinessTools(ProjectScope scope) {
        this.scope = scope;
    }

    private EnsembleRequirements requirements(ToolCall call) {
        return new EnsembleRequirements(scope.baton(call), PROBE_TIMEOUT);
    }

    public ServerTool checkEnsembleRunnable() {
        return new ServerTool("check_ensemble_runnable",
                "Check whether an ensemble can run now, agent by agent: profile resolves, API key present, provider answers a probe, script or child ensemble found; suggests an available profile for an agent that cannot run.",
                Schemas.parse(ENSEMBLE_ARG),
                Schemas.parse("""
                        {"type":"object","required":["ensemble","runnable","agents","problems"],"properties":{
                          "ensemble":{"type":"string"},"file":{"type":"string"},"runnable":{"type":"boolean"},
                          "agents":{"type":"array","items":{"type":"object","required":["agent","kind","runnable"],"properties":{
                            "agent":{"type":"string"},"kind":{"type":"string"},"runnable":{"type":"boolean"},
                            "profile":{"type":["string","null"]},"provider":{"type":["string","null"]},
                            "key_present":{"type":["boolean","null"]},"provider_state":{"type":["string","null"]},
                            "problem":{"type":["string","null"]},"suggested_profile":{"type":["string","null"]}}}},
                          "problems":{"type":"array","items":{"type":"string"}}}}"""),
                this::check);
    }

    private ToolResult check(JsonNode args, ToolCall call) {
        EnsembleRequirements.Readiness r;
        try {
            r = requirements(call).check(args.path("ensemble").asString());
        } catch (BatonException e) {
            return ToolErrors.field("ensemble", e);
        }
        ArrayNode agents = Schemas.array();
        StringBuilder text = new StringBuilder(r.ensemble()).append(r.runnable() ? " can run" : " cannot run yet").append('\n');
        for (var a : r.agents()) {
            agents.addObject().put("agent", a.agent()).put("kind", a.kind()).put("runnable", a.runnable())
                    .put("profile", a.profile()).put("provider", a.provider()).put("key_present", a.keyPresent())
                    .put("provider_state", a.providerState()).put("problem", a.problem()).put("suggested_profile", a.suggestedProfile());
            text.append("- ").append(a.agent()).append(": ").append(a.runnable() ? "ok" : a.problem());
            if (a.suggestedProfile() != null) text.append(" (try model_profile: ").append(a.suggestedProfile()).append(")");
            text.append('\n');
        }
        ArrayNode problems = Schemas.array();
        r.problems().forEach(p -> problems.add(p.toString()));
        r.problems().forEach(p -> text.append(p).append('\n'));
        ObjectNode out = Schemas.object().put("ensemble", r.ensemble()).put("file", r.file().toString()).put("runnable", r.runnable());
        out.set("agents", agents);
        out.set("problems", problems);
        return ToolResult.structured(out, text.toString().strip());
    }

    public ServerTool listDependencies() {
        return new ServerTool("list_dependencies",
                "List what an ensemble needs: the model profiles, scripts and child ensembles it names (child ensembles followed), and which of them are missing.",
                Schemas.parse(ENSEMBLE_ARG),
                Schemas.parse("""
                        {"type":"object","required":["ensemble","profiles","scripts","ensembles","missing"],"properties":{
                          "ensemble":{"type":"string"},"file":{"type":"string"},
                          "profiles":{"type":"array","items":{"type":"string"}},"scripts":{"type":"array","items":{"type":"string"}},
                          "ensembles":{"type":"array","items":{"type":"string"}},"missing":{"type":"array","items":{"type":"string"}}}}"""),
                this::dependencies);
    }

    private ToolResult dependencies(JsonNode args, ToolCall call) {
        EnsembleRequirements.Dependencies d;
        try {
            d = requirements(call).dependencies(args.path("ensemble").asString());
        } catch (EnsembleNotFoundException e) {
            return ToolErrors.field("ensemble", e);
        } catch (BatonException e) {
            return ToolErrors.field("ensemble", e);
        }
        ObjectNode out = Schemas.object().put("ensemble", d.ensemble()).put("file", d.file().toString());
        out.set("profiles", strings(d.profiles()));
        out.set("scripts", strings(d.scripts()));
        out.set("ensembles", strings(d.ensembles()));
        out.set("missing", strings(d.missing()));
        String text = d.ensemble() + " needs\n- profiles: " + String.join(", ", d.profiles()) + "\n- scripts: "
                + String.join(", ", d.scripts()) + "\n- ensembles: " + String.join(", ", d.ensembles())
                + (d.missing().isEmpty() ? "" : "\nmissing: " + String.join(", ", d.missing()));
        return ToolResult.structured(out, text);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = Schemas.array();
        values.forEach(a::add);
        return a;
    }
}
