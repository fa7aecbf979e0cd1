package dev.baton.ensemble.spec;

import tools.jackson.databind.JsonNode;

/**
 * What an agent does, one record per kind: call a model ({@link Llm}), run a script
 * ({@link Script}), run a child ensemble ({@link Ensemble}), repeat a child ensemble
 * ({@link Loop}), or something a registered runner does ({@link Custom}). {@link #name()} is the
 * key an {@code AgentRunner} declares as its {@code kind()}.
 */
public sealed interface AgentKind permits AgentKind.Llm, AgentKind.Script, AgentKind.Ensemble, AgentKind.Loop,
        AgentKind.Dispatch, AgentKind.Custom {

    String LLM = "llm";
    String SCRIPT = "script";
    String ENSEMBLE = "ensemble";
    String LOOP = "loop";
    String DISPATCH = "dispatch";

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
     * A dynamic dispatch agent ({@code dispatch: "${agent.field}"}, llm-orc's key): the child
     * ensemble it runs is named at run time by a field of a dependency's JSON output (or by the
     * text itself when it holds no reference).
     */
    record Dispatch(String target) implements AgentKind {

        /**
         * The field path of a {@code ${agent.field}} target ({@code [agent, field, ...]}), or an
         * empty list when the target is a plain ensemble name.
         */
        public java.util.List<String> path() {
            String t = target.strip();
            if (!t.startsWith("${") || !t.endsWith("}")) return java.util.List.of();
            String inner = t.substring(2, t.length() - 1).strip();
            return inner.isEmpty() ? java.util.List.of() : java.util.List.of(inner.split("\\."));
        }

        @Override
        public String name() {
            return DISPATCH;
        }
    }

    /**
     * An agent of a kind Baton does not build in, run by the {@code AgentRunner} registered for
     * {@code kind} (a run fails the agent when none is), with optional {@code parameters}.
     */
    record Custom(String kind, JsonNode parameters) implements AgentKind {
        public Custom {
            if (kind == null || kind.isBlank()) throw new IllegalArgumentException("a custom agent kind needs a name");
            if (kind.equals(LLM) || kind.equals(SCRIPT) || kind.equals(ENSEMBLE) || kind.equals(LOOP)
                    || kind.equals(DISPATCH)) {
                throw new IllegalArgumentException("'" + kind + "' is a built-in agent kind, not a custom one");
            }
        }

        @Override
        public String name() {
            return kind;
        }
    }
}
