package dev.baton.ensemble.agent;

import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;

/**
 * The model an LLM agent attempt uses: a profile, a provider and model, or a task type that
 * {@code routing:} maps to profiles (then the response says which profile answered).
 */
public record ModelChoice(String profile, String provider, String model, String taskType) {

    /** A profile, or a provider and model. */
    public ModelChoice(String profile, String provider, String model) {
        this(profile, provider, model, null);
    }

    public static ModelChoice of(AgentSpec agent) {
        return !(agent.kind() instanceof AgentKind.Llm) ? null
                : new ModelChoice(agent.modelProfile(), agent.provider(), agent.model(), agent.taskType());
    }

    public String label() {
        if (profile != null) return profile;
        return taskType != null && model == null ? "task:" + taskType : provider + "/" + model;
    }
}
