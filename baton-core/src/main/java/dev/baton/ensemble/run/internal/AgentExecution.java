package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.agent.AgentTools;
import dev.baton.ensemble.run.AgentToolCall;

import dev.baton.ensemble.agent.AgentContext;
import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.agent.ModelChoice;
import dev.baton.ensemble.run.AgentError;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.UsageMeter;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.Condition;
import dev.baton.ensemble.spec.DependencyFailurePolicy;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.FallbackStep;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import dev.baton.ensemble.run.InstanceResult;

/**
 * Runs one agent of a run, once its dependencies are settled: dependency-failure policy and
 * {@code when} guard (skip), input preparation, fan-out, and — for script, ensemble and loop
 * agents — retries and the per-attempt deadline (an LLM agent's retries, fallback profile and
 * deadline are its model pipeline's); then builds the agent's {@link AgentResult}.
 */
final class AgentExecution {

    private final RunExecution run;
    private final AgentSpec agent;
    private final UsageMeter usage;
    private final List<FallbackStep> fallbacks = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile String model;
    private volatile String profile;
    private final List<PlacedCall> toolCalls = new CopyOnWriteArrayList<>();
    // resolved once per agent (fan-out instances and attempts share it): resolving may start MCP servers
    private volatile AgentTools tools;
    private final java.util.concurrent.locks.ReentrantLock toolsLock = new java.util.concurrent.locks.ReentrantLock();

    AgentExecution(RunExecution run, AgentSpec agent) {
        this.run = run;
        this.agent = agent;
        this.usage = new UsageMeter((label, u) -> run.recordUsage(agent.name(), label, u));
    }

    AgentResult execute() {
        List<AgentResult> deps = agent.dependsOn().stream().map(run::result).toList();
        if (agent.onDependencyFailure() == DependencyFailurePolicy.SKIP) {
            Optional<AgentResult> bad = deps.stream().filter(d -> !d.completed()).findFirst();
            if (bad.isPresent()) {
                return AgentResult.skipped(agent.name(), "dependency '" + bad.get().name() + "' "
                        + bad.get().status().wire() + " (on_dependency_failure: skip)", run.now());
            }
        }
        if (agent.when() != null && !agent.when().test(path -> whenValue(path, deps))) {
            return AgentResult.skipped(agent.name(), "when '" + agent.when() + "' is false", run.now());
        }
        if (run.cancelRequested()) return AgentResult.cancelled(agent.name(), null, run.now());
        Instant started = run.markStarted(agent.name());
        List<AgentResult> completed = deps.stream().filter(AgentResult::completed).toList();
        try {
            AgentInputs.Prepared p = AgentInputs.prepare(agent, run.input(), completed);
            return p.items() != null ? new FanOut(this, p).run(started) : single(p, started);
        } catch (BatonException e) {
            return finish(started, AgentStatus.FAILED, null, null, AgentError.of(e), List.of());
        }
    }

    private JsonNode whenValue(List<String> path, List<AgentResult> deps) {
        AgentResult dep = deps.stream().filter(d -> d.name().equals(path.get(0))).findFirst().orElse(null);
        if (dep == null || !dep.completed()) return null;
        JsonNode value = dep.outputJson() != null ? dep.outputJson() : run.json().parseAny(dep.output());
        if (value == null) value = JsonNodeFactory.instance.stringNode(dep.output());
        return Condition.walk(value, path.subList(1, path.size()));
    }

    private AgentResult single(AgentInputs.Prepared p, Instant started) {
        Attempt.Result r = tries(p, p.input(), null);
        if (r.cancelled()) return AgentResult.cancelled(agent.name(), started, run.now());
        if (!r.ok()) return finish(started, AgentStatus.FAILED, null, null, r.error(), List.of());
        return finish(started, AgentStatus.COMPLETED, r.outcome().output(), r.outcome().outputJson(), null, List.of());
    }

    AgentResult finish(Instant started, AgentStatus status, String output, JsonNode json, AgentError error,
                       List<InstanceResult> instances) {
        return AgentResult.builder(agent.name(), status).output(output).outputJson(json).error(error)
                .usage(usage.total()).startedAt(started).finishedAt(run.now()).attempts(attempts.get())
                .model(model).profile(profile).fallbacks(fallbacks).instances(instances).toolCalls(sortedToolCalls())
                .childRun(run.childRunOf(agent)).build();
    }

    /** A finished tool call and its position in the model's answer (-1: unknown). */
    private record PlacedCall(AgentToolCall call, int position) {
    }

    /**
     * The tool calls by round, the calls of one round (which run at once and end in any order)
     * in the order the model asked for them, then by start.
     */
    private List<AgentToolCall> sortedToolCalls() {
        return toolCalls.stream().sorted(java.util.Comparator.<PlacedCall>comparingInt(c -> c.call().round())
                        .thenComparingInt(c -> c.position() < 0 ? Integer.MAX_VALUE : c.position())
                        .thenComparing(c -> c.call().call().started()))
                .map(PlacedCall::call).toList();
    }

    /** The agent's tools, resolved on first use; null when it names none. */
    private AgentTools tools() {
        if (agent.tools().isEmpty() || !(agent.kind() instanceof AgentKind.Llm)) return null;
        AgentTools t = tools;
        if (t == null) {
            // a lock, not synchronized: starting an MCP server blocks, and must not pin a carrier thread
            toolsLock.lock();
            try {
                if (tools == null) tools = AgentToolSetup.of(run, agent, (call, position) -> toolCalls.add(new PlacedCall(call, position)));
                t = tools;
            } finally {
                toolsLock.unlock();
            }
        }
        return t;
    }

    RunExecution run() {
        return run;
    }

    AgentSpec agent() {
        return agent;
    }

    /**
     * Runs the agent (or one fan-out instance). An LLM agent makes one attempt: its retries,
     * fallback profile and deadline travel on its request and are the model pipeline's (one layer
     * per concern; repeating them here would multiply the calls). Other agents retry here.
     */
    Attempt.Result tries(AgentInputs.Prepared p, JsonNode input, Integer instance) {
        if (agent.kind() instanceof AgentKind.Llm) {
            return once(ModelChoice.of(agent), p, input, AgentInputs.prompt(run.spec(), agent, p, input), 1, instance);
        }
        String prompt = agent.kind() instanceof AgentKind.Script ? null : AgentInputs.prompt(run.spec(), agent, p, input);
        Attempt.Result last = null;
        for (int i = 1; i <= 1 + Math.max(0, agent.retries()); i++) {
            last = once(null, p, input, prompt, i, instance);
            if (last.ok() || last.cancelled() || last.error().code() == ErrorCode.BUDGET_EXCEEDED) return last;
        }
        return last;
    }

    private Attempt.Result once(ModelChoice choice, AgentInputs.Prepared p, JsonNode input, String prompt,
                                int attemptNo, Integer instance) {
        if (!run.acquirePermit()) return new Attempt.Result(null, null, true);
        Attempt attempt = new Attempt();
        try {
            // under the permit: an agent that queued behind others sees what they spent; the
            // run's budget itself is a reservation each model call takes (RunBudget)
            try {
                run.budget().check(agent.name());
            } catch (BatonException e) {
                return new Attempt.Result(null, AgentError.of(e), false);
            }
            if (!run.register(attempt)) return new Attempt.Result(null, null, true);
            var timeout = run.timeoutFor(agent, choice);
            Instant deadline = timeout == null ? null : run.now().plus(timeout);
            var testMode = run.spec().orc().testMode();
            var simulation = testMode == null ? null : testMode.simulationOf(agent.name());
            AgentRunner runner = simulation != null ? new SimulatedAgentRunner(simulation) : run.runnerFor(agent.kind().name());
            if (runner == null) {
                return new Attempt.Result(null, new AgentError(ErrorCode.VALIDATION, "agent '" + agent.name()
                        + "': no runner is registered for agent kind '" + agent.kind().name() + "'"), false);
            }
            AgentTools agentTools;
            try {
                agentTools = tools();
            } catch (BatonException e) {
                return new Attempt.Result(null, AgentError.of(e), false);
            }
            AgentContext call = new AgentContext(run.runId(), run.spec().name(), agent, input, prompt, p.completed(),
                    choice, deadline, attempt.control(), usage, attemptNo, instance, run.models(), run.childRuns(agent),
                    agentTools);
            attempts.incrementAndGet();
            // an LLM agent's deadline is on its request, enforced by the pipeline's deadline layer;
            // the attempt only keeps it cancellable with the run, on this thread
            java.util.concurrent.Callable<dev.baton.ensemble.agent.AgentOutcome> work = () -> run.outputCheck().apply(agent, runner.run(call));
            Attempt.Result r = agent.kind() instanceof AgentKind.Llm ? attempt.runHere(agent.name(), work)
                    : attempt.run(agent.name(), run.spans().carry(work), timeout);
            if (r.ok()) {
                model = r.outcome().model();
                profile = r.outcome().profile() != null ? r.outcome().profile() : choice == null ? null : choice.profile();
                fallbacks.addAll(r.outcome().fallbacks());
            }
            return r;
        } finally {
            run.unregister(attempt);
            run.releasePermit();
        }
    }
}
