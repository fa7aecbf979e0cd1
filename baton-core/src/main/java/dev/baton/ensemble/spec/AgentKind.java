package dev.baton.ensemble.spec;

/** What an agent does: call a model, run a script, run a child ensemble, or loop a child ensemble. */
public enum AgentKind {
    LLM, SCRIPT, ENSEMBLE, LOOP
}
