package dev.baton.ensemble;

/** The model an LLM agent attempt uses: a profile, or a provider and model. */
record ModelChoice(String profile, String provider, String model) {

    static ModelChoice of(AgentSpec agent) {
        return agent.kind() != AgentKind.LLM ? null : new ModelChoice(agent.modelProfile(), agent.provider(), agent.model());
    }

    String label() {
        return profile != null ? profile : provider + "/" + model;
    }
}
