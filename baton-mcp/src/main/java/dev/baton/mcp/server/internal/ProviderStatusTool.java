package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.ProviderHealth;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

/** {@code get_provider_status}: every configured provider probed, with its deployments' circuits ({@link ProviderHealth}). */
public final class ProviderStatusTool {

    private final Baton baton;

    public ProviderStatusTool(Baton baton) {
        this.baton = baton;
    }

    public ServerTool tool() {
        return new ServerTool("get_provider_status",
                "Probe every configured provider: credential (as a hint), reachable/unreachable/unauthorized, the models it lists, "
                        + "and the circuit state of its deployments.",
                Schemas.parse("""
                        {"type":"object","additionalProperties":false,"properties":{
                          "timeout_seconds":{"type":"number","exclusiveMinimum":0,"maximum":60,"description":"probe timeout per provider (default 3)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["providers"],"properties":{"providers":{"type":"array","items":{"type":"object",
                          "required":["name","kind","state"],"properties":{"name":{"type":"string"},"kind":{"type":"string"},
                          "base_url":{"type":["string","null"]},"credential":{"type":"string"},"state":{"type":"string"},
                          "detail":{"type":["string","null"]},"models":{"type":"array","items":{"type":"string"}},
                          "circuit":{"type":["string","null"]},"deployments":{"type":"array","items":{"type":"object","properties":{
                            "deployment":{"type":"string"},"state":{"type":"string"},"recent_failures":{"type":"integer"}}}}}}}}}"""),
                (args, call) -> status(args));
    }

    private ToolResult status(JsonNode args) {
        Duration timeout = Duration.ofMillis((long) (args.path("timeout_seconds").asDouble(3) * 1000));
        List<ProviderHealth.Report> reports = ProviderHealth.check(baton, timeout);
        ObjectNode out = Schemas.object().set("providers", Schemas.JSON.valueToTree(reports));
        StringBuilder text = new StringBuilder();
        for (ProviderHealth.Report r : reports) {
            text.append(r.name()).append(" (").append(r.kind()).append("): ").append(r.state())
                    .append(", credential ").append(r.credential()).append(", circuit ").append(r.circuit())
                    .append(r.detail() == null || r.detail().isBlank() ? "" : " — " + r.detail()).append('\n');
        }
        if (reports.isEmpty()) text.append("no providers configured");
        return ToolResult.structured(out, text.toString().strip());
    }
}
