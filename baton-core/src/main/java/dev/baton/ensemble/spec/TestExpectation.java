package dev.baton.ensemble.spec;

import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test case asserts: the run status, per-agent statuses, output assertions, agents that
 * must start in the given relative order, and a largest wall time. Null/empty parts are not
 * checked.
 */
public record TestExpectation(RunStatus status, Map<String, AgentStatus> agents, List<OutputAssertion> outputs,
                              List<String> order, Duration maxDuration) {

    public static final TestExpectation NONE = new TestExpectation(null, Map.of(), List.of(), List.of(), null);

    public TestExpectation {
        agents = agents == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(agents));
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        order = order == null ? List.of() : List.copyOf(order);
    }
}
