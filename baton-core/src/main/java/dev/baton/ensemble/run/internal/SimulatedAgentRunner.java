package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.agent.AgentContext;
import dev.baton.ensemble.agent.AgentOutcome;
import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.spec.TestModeSpec;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.util.TreeSet;

/**
 * Answers an agent under {@code test_mode:} from its {@code cached_responses}: the agent's input
 * text (trimmed) is the key. No model is called; an input with no cached answer fails the agent
 * naming the inputs it knows, since Baton does not simulate answers with a model.
 */
final class SimulatedAgentRunner implements AgentRunner {

    private final TestModeSpec.Simulation simulation;

    SimulatedAgentRunner(TestModeSpec.Simulation simulation) {
        this.simulation = simulation;
    }

    @Override
    public String kind() {
        return "test_mode";
    }

    @Override
    public AgentOutcome run(AgentContext ctx) {
        String key = JsonText.text(ctx.input()).strip();
        String answer = simulation.cachedResponses().get(key);
        if (answer == null) {
            throw new BatonException(ErrorCode.VALIDATION, "agent '" + ctx.agent().name() + "': test_mode has no "
                    + "cached response for input '" + (key.length() > 80 ? key.substring(0, 80) + "..." : key)
                    + "' (cached inputs: " + new TreeSet<>(simulation.cachedResponses().keySet())
                    + "); Baton answers simulated agents only from cached_responses");
        }
        return new AgentOutcome(answer, null, "test_mode/" + (simulation.model().isEmpty() ? "cached" : simulation.model()),
                null, java.util.List.of());
    }
}
