package dev.baton.ensemble.spec;

import tools.jackson.databind.JsonNode;

/**
 * What an agent does, one record per kind: call a model ({@link Llm}), run a script
 * ({@link Script}), run a child ensemble ({@link Ensemble}), repeat a child ensemble
 * ({@link Loop}), or something a registered runner does ({@link Custom}). {@link #name()} is the
 * key an {@code AgentRunner} declares as its {@code kind()}.
 */
public sealed interface AgentKind permits AgentKind.Llm, AgentKind.Script, AgentKind.Ensemble, AgentKind.Loop,
        AgentKind.Custom {

    String LLM = "llm";
    String SCRIPT = "script";
    String ENSEMBLE = "ensemble";
    String LOOP = "loop";

    /** The runner key of this kind: {@code llm}, {@code script}, {@code ensemble}, {@code loop} or a custom name. */
    String name();

    /**
     * An LLM agent: a {@code model_profile}, a {@code model} with its {@code provider}, or a
     * {@code task_type} that {@code routing:} maps to profiles. All may be null in a spec that does
     * not validate (the validator says which key is missing).
     */
    record Llm(String modelProfile, String provider, String model, String taskType) implements AgentKind {

        /** An agent with a profile or a provider and model, and no task type. */
        public Llm(String modelProfile, String provider, String model) {
            this(modelProfile, provider, model, null);
        }

        @Override
        public String name() {
            return LLM;
        }
    }

    /** A script agent: the script (path or inline shell) and its optional {@code parameters} mapping. */
    record Script(String script, JsonNode parameters) implements AgentKind {
        @Override
        public String name() {
            return SCRIPT;
        }
    }

    /** An ensemble agent: the name of the child ensemble it runs. */
    record Ensemble(String ensemble) implements AgentKind {
        @Override
        public String name() {
            return ENSEMBLE;
        }
    }

    /** A loop agent: the body ensemble and when to stop repeating it. */
    record Loop(LoopSpec loop) implements AgentKind {
        @Override
        public String name() {
            return LOOP;
        }
    }

    /**
     * An agent of a kind Baton does not build in, run by the {@code AgentRunner} registered for
     * {@code kind} (a run fails the agent when none is), with optional {@code parameters}.
     */
    record Custom(String kind, JsonNode parameters) implements AgentKind {
        public Custom {
            if (kind == null || kind.isBlank()) throw new IllegalArgumentException("a custom agent kind needs a name");
            if (kind.equals(LLM) || kind.equals(SCRIPT) || kind.equals(ENSEMBLE) || kind.equals(LOOP)) {
                throw new IllegalArgumentException("'" + kind + "' is a built-in agent kind, not a custom one");
            }
        }

        @Override
        public String name() {
            return kind;
        }
    }
}
