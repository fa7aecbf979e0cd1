package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.run.AgentError;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;

import dev.baton.error.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import dev.baton.ensemble.run.InstanceResult;

/**
 * Runs one instance of a {@code fan_out} agent per array element, in parallel (each instance
 * with the agent's retries and fallback, bounded by the run's {@code max_concurrency}), and
 * gathers them into a JSON array, in element order, of
 * {@code {"index", "status", "output"}} or {@code {"index", "status", "error": {"code", "message"}}}.
 * The agent completes when the array is empty or at least one instance completed.
 */
final class FanOut {

    private final AgentExecution execution;
    private final AgentInputs.Prepared prepared;

    FanOut(AgentExecution execution, AgentInputs.Prepared prepared) {
        this.execution = execution;
        this.prepared = prepared;
    }

    AgentResult run(Instant started) {
        JsonNode items = prepared.items();
        InstanceResult[] results = new InstanceResult[items.size()];
        List<Thread> threads = new ArrayList<>();
        String name = execution.agent().name();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            threads.add(Thread.ofVirtual().name("baton-agent-" + name + "[" + i + "]").start(execution.run().spans().carryRunnable(() ->
                    results[index] = instance(index, execution.tries(prepared, items.get(index), index)))));
        }
        try {
            for (Thread t : threads) t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AgentResult.cancelled(name, started, execution.run().now());
        }
        if (execution.run().cancelRequested()) return AgentResult.cancelled(name, started, execution.run().now());
        return gather(started, List.of(results));
    }

    private static InstanceResult instance(int index, Attempt.Result r) {
        if (r.ok()) {
            return new InstanceResult(index, AgentStatus.COMPLETED, r.outcome().output(), r.outcome().outputJson(),
                    null);
        }
        return new InstanceResult(index, r.cancelled() ? AgentStatus.CANCELLED : AgentStatus.FAILED, null, null,
                r.error());
    }

    private AgentResult gather(Instant started, List<InstanceResult> instances) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (InstanceResult r : instances) {
            ObjectNode o = array.addObject();
            o.put("index", r.index());
            o.put("status", r.status().wire());
            if (r.outputJson() != null) o.set("output", r.outputJson());
            else if (r.output() != null) o.put("output", r.output());
            if (r.error() != null) {
                o.putObject("error").put("code", r.error().code().name()).put("message", r.error().message());
            }
        }
        List<InstanceResult> failed = instances.stream().filter(i -> i.status() != AgentStatus.COMPLETED).toList();
        boolean allFailed = !instances.isEmpty() && failed.size() == instances.size();
        AgentError error = null;
        if (!failed.isEmpty()) {
            AgentError first = failed.get(0).error();
            String msg = failed.size() + " of " + instances.size() + " instances failed; first (#" + failed.get(0).index()
                    + "): " + (first == null ? "cancelled" : first.message());
            error = new AgentError(first == null ? ErrorCode.AGENT_FAILURE : first.code(), msg);
        }
        return execution.finish(started, allFailed ? AgentStatus.FAILED : AgentStatus.COMPLETED, array.toString(),
                array, error, instances);
    }
}
