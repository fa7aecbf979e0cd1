package dev.baton.ensemble;

import dev.baton.llm.FallbackStep;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a successful agent attempt produced: output text, its JSON form when it is JSON, the
 * answering model ({@code provider/model}) and profile, and fallbacks taken inside the model
 * pipeline.
 */
record AgentOutcome(String output, JsonNode outputJson, String model, String profile, List<FallbackStep> fallbacks) {

    AgentOutcome {
        output = output == null ? "" : output;
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    static AgentOutcome of(String output, JsonNode json) {
        return new AgentOutcome(output, json, null, null, List.of());
    }

    AgentOutcome withJson(JsonNode json) {
        return new AgentOutcome(output, json, model, profile, fallbacks);
    }
}
