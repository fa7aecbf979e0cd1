package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.config.ResolvedProfile;
import dev.baton.error.BatonException;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ResponseFormat;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ask}: one prompt through a profile's pipeline (routing, retries, fallback, budgets, ledger). */
public final class AskTool {

    private final Baton baton;

    public AskTool(Baton baton) {
        this.baton = baton;
    }

    public ServerTool tool() {
        return new ServerTool("ask",
                "Send one prompt to a model profile through Baton's pipeline (retries, fallback, budgets, usage ledger). Optionally constrain the answer with a JSON Schema.",
                Schemas.parse("""
                        {"type":"object","required":["prompt"],"additionalProperties":false,"properties":{
                          "prompt":{"type":"string","minLength":1,"description":"what to ask"},
                          "profile":{"type":"string","minLength":1,"description":"the model profile (default: the default profile)"},
                          "system":{"type":"string","description":"a system prompt"},
                          "max_tokens":{"type":"integer","minimum":1},
                          "json_schema":{"type":"object","description":"a JSON Schema the answer must match"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["text","profile","model","usage"],"properties":{
                          "text":{"type":"string"},"json":{},"profile":{"type":"string"},"model":{"type":"string"},
                          "finish_reason":{"type":"string"},"usage":%s,"cost_usd":{"type":"number"}}}""".formatted(UsageJson.SCHEMA)),
                (args, call) -> ask(args));
    }

    private ToolResult ask(JsonNode args) {
        String name = args.path("profile").asString("default");
        ResolvedProfile profile;
        try {
            profile = baton.profile(name);
        } catch (BatonException e) {
            return ToolResult.error("field 'profile': " + e.getMessage());
        }
        ChatRequest.Builder request = ChatRequest.builder();
        if (args.hasNonNull("system")) request.system(args.path("system").asString());
        request.user(args.path("prompt").asString());
        if (args.hasNonNull("max_tokens")) request.maxTokens(args.path("max_tokens").asInt());
        if (args.hasNonNull("json_schema")) {
            request.responseFormat(ResponseFormat.jsonSchema("response", Schemas.JSON.writeValueAsString(args.path("json_schema"))));
        }
        ChatResponse response;
        try {
            response = baton.model(profile.name()).chat(request.build());
        } catch (BatonException e) {
            return ToolResult.error(e.code() + ": " + e.getMessage() + e.suggestion().map(s -> " (" + s + ")").orElse(""));
        }
        ObjectNode out = Schemas.object().put("text", response.text())
                .put("profile", response.profile() == null ? profile.name() : response.profile())
                .put("model", response.model() == null ? profile.model() : response.model())
                .put("finish_reason", response.finishReason() == null ? "" : response.finishReason().name().toLowerCase(java.util.Locale.ROOT));
        if (args.hasNonNull("json_schema")) {
            try {
                out.set("json", Schemas.JSON.readTree(response.text()));
            } catch (RuntimeException notJson) {
                // the pipeline validates structured output where the profile asks for it; here the text stays as is
            }
        }
        out.set("usage", UsageJson.of(response.usage()));
        out.put("cost_usd", UsageJson.cost(response.usage()));
        return ToolResult.structured(out, response.text());
    }
}
