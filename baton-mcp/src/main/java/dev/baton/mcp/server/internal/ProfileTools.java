package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.config.ProfileJson;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.node.ArrayNode;

/** {@code list_profiles}: the model profiles Baton resolves, credentials shown only as hints. */
public final class ProfileTools {

    private final Baton baton;

    public ProfileTools(Baton baton) {
        this.baton = baton;
    }

    public ServerTool listProfiles() {
        return new ServerTool("list_profiles",
                "List the model profiles (configured and built in) with provider, model, timeout, prices and fallbacks, every value resolved. Credentials appear only as hints.",
                Schemas.parse("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"),
                Schemas.parse("""
                        {"type":"object","required":["profiles"],"properties":{"profiles":{"type":"array","items":{
                          "type":"object","required":["name","provider","model"],"properties":{
                            "name":{"type":"string"},"provider":{"type":"string"},"model":{"type":"string"}}}}}}"""),
                (args, call) -> list());
    }

    private ToolResult list() {
        ArrayNode rows = Schemas.array();
        StringBuilder text = new StringBuilder();
        for (String name : baton.profiles().names()) {
            ProfileJson p = ProfileJson.of(baton.profile(name));
            rows.add(Schemas.JSON.valueToTree(p));
            text.append(p.name()).append(" -> ").append(p.provider()).append('/').append(p.model())
                    .append(" (").append(p.origin()).append(")\n");
        }
        return ToolResult.structured(Schemas.object().set("profiles", rows), text.toString().strip());
    }
}
