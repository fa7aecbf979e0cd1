package dev.baton.ensemble.spec;

import java.util.List;
import java.util.Map;

/**
 * llm-orc's {@code test_mode:}: when {@code enabled}, the agents named in {@code llm_simulation}
 * answer from their {@code cached_responses} (input text to answer) instead of calling a model, so
 * the ensemble runs offline and the same way every time. {@code model} and {@code persona} are
 * kept for display: Baton does not simulate answers with a model.
 */
public record TestModeSpec(boolean enabled, List<Simulation> simulations) {

    public TestModeSpec {
        simulations = List.copyOf(simulations);
    }

    /** One {@code llm_simulation:} entry. */
    public record Simulation(String agent, String model, String persona, Map<String, String> cachedResponses) {
        public Simulation {
            cachedResponses = Map.copyOf(cachedResponses);
        }
    }

    /** The simulation of {@code agent} when test mode is on; null otherwise. */
    public Simulation simulationOf(String agent) {
        if (!enabled) return null;
        return simulations.stream().filter(s -> s.agent().equals(agent)).findFirst().orElse(null);
    }
}
