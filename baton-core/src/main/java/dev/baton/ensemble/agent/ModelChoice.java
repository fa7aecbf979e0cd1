package dev.baton.ensemble.agent;

import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;

/** The model an LLM agent attempt uses: a profile, or a provider and model. */
public record ModelChoice(String profile, String provider, String model) {

    public static ModelChoice of(AgentSpec agent) {
        return !(agent.kind() instanceof AgentKind.Llm) ? null : new ModelChoice(agent.modelProfile(), agent.provider(), agent.model());
    }

    public String label() {
        return profile != null ? profile : provider + "/" + model;
    }
}
