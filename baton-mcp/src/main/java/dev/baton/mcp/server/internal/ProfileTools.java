package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.config.ProfileJson;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
        ObjectNode listing = listing();
        StringBuilder text = new StringBuilder();
        for (var p : listing.path("profiles")) {
            text.append(p.path("name").asString()).append(" -> ").append(p.path("provider").asString()).append('/')
                    .append(p.path("model").asString()).append(" (").append(p.path("origin").asString()).append(")\n");
        }
        return ToolResult.structured(listing, text.toString().strip());
    }

    /** Every profile, resolved, as {@code list_profiles} and {@code baton://profiles} show them. */
    public ObjectNode listing() {
        ArrayNode rows = Schemas.array();
        for (String name : baton.profiles().names()) rows.add(Schemas.JSON.valueToTree(ProfileJson.of(baton.profile(name))));
        return Schemas.object().set("profiles", rows);
    }
}
