package dev.baton.ensemble.agent;

import dev.baton.llm.FallbackStep;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a successful agent attempt produced: output text, its JSON form when it is JSON, the
 * answering model ({@code provider/model}) and profile, and fallbacks taken inside the model
 * pipeline.
 */
public record AgentOutcome(String output, JsonNode outputJson, String model, String profile, List<FallbackStep> fallbacks) {

    public AgentOutcome {
        output = output == null ? "" : output;
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    public static AgentOutcome of(String output, JsonNode json) {
        return new AgentOutcome(output, json, null, null, List.of());
    }

    public AgentOutcome withJson(JsonNode json) {
        return new AgentOutcome(output, json, model, profile, fallbacks);
    }
}
