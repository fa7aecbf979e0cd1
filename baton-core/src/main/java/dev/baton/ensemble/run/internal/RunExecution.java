package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.run.AgentToolCall;
import dev.baton.tool.Approver;

import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.agent.ChildRunLauncher;
import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.run.RunHandle;
import java.util.Optional;
import dev.baton.ensemble.agent.ModelChoice;
import dev.baton.ensemble.run.AgentError;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunListener;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;

import dev.baton.llm.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The scheduler of one run: a ready queue over the dependency graph. Each agent keeps a count
 * of unsettled dependencies; when an agent settles, only its own dependents are decremented and
 * any that reach zero start at once on a virtual thread (no phases, O(agents + edges) in all).
 * {@code max_concurrency} is a fair semaphore around each attempt. Each agent's result is set
 * exactly once (compare-and-set), which is what makes cancellation simple: cancel marks every
 * unsettled agent {@code cancelled} and aborts running attempts.
 */
public final class RunExecution {

    private final EnsembleEngine engine;
    private final OutputCheck outputCheck;
    private final EnsembleSpec spec;
    private final String runId;
    private final String input;
    private final int depth;
    private final int[][] dependents;
    private final Map<String, Integer> index = new HashMap<>();
    private final AtomicIntegerArray pending;
    private final AtomicReferenceArray<AgentResult> results;
    private final AtomicReferenceArray<Instant> started;
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger remaining;
    private final Semaphore permits;
    private final Set<Attempt> inflight = ConcurrentHashMap.newKeySet();
    /**
     * Each profile's timeout, resolved once per run: resolving a profile merges its configuration
     * and looks its model up in the catalog, which a wide fan-out would otherwise repeat per agent,
     * on every agent's way to its first call.
     */
    private final Map<String, Optional<Duration>> profileTimeouts = new ConcurrentHashMap<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final RunBudget budget;
    private final EventDispatcher events;
    private final CompletableFuture<RunResult> done = new CompletableFuture<>();
    private volatile Instant startedAt;
    private volatile dev.baton.observe.internal.RunSpans spans = dev.baton.observe.internal.RunSpans.NONE;
    private final Approver approver;
    private final List<String> lineage;
    // the child run each ensemble or dispatch agent started, recorded in its result (also when it then failed)
    private final Map<String, RunHandle> childRuns = new ConcurrentHashMap<>();
    // results carried over from an earlier run of the same task (resume after a dead worker)
    private final Map<String, AgentResult> restored;

    /**
     * A run of {@code spec}; {@code lineage} names the ensembles of the runs above it, top-level
     * first (empty for a top-level run), for the cycle check of dispatched children.
     */
    public RunExecution(EnsembleEngine engine, OutputCheck outputCheck, EnsembleSpec spec, String runId,
                        String parentRunId, String input, int depth, Approver approver, List<RunListener> listeners,
                        List<String> lineage) {
        this(engine, outputCheck, spec, runId, parentRunId, input, depth, approver, listeners, lineage, Map.of());
    }

    /** A run that settles the agents of {@code restored} with those results instead of running them. */
    public RunExecution(EnsembleEngine engine, OutputCheck outputCheck, EnsembleSpec spec, String runId,
                        String parentRunId, String input, int depth, Approver approver, List<RunListener> listeners,
                        List<String> lineage, Map<String, AgentResult> restored) {
        this.restored = Map.copyOf(restored);
        this.lineage = List.copyOf(lineage);
        this.approver = approver;
        this.engine = engine;
        this.outputCheck = outputCheck;
        this.spec = spec;
        this.runId = runId;
        this.input = input;
        this.depth = depth;
        int n = spec.agents().size();
        for (int i = 0; i < n; i++) index.put(spec.agents().get(i).name(), i);
        this.pending = new AtomicIntegerArray(n);
        this.results = new AtomicReferenceArray<>(n);
        this.started = new AtomicReferenceArray<>(n);
        this.remaining = new AtomicInteger(n);
        this.dependents = dependents(spec, index, pending);
        this.permits = spec.maxConcurrency() == null ? null : new Semaphore(spec.maxConcurrency(), true);
        this.budget = new RunBudget(spec.budget(), engine.options().models(), runId, parentRunId);
        this.events = new EventDispatcher(listeners);
    }

    private static int[][] dependents(EnsembleSpec spec, Map<String, Integer> index, AtomicIntegerArray pending) {
        int n = spec.agents().size();
        List<List<Integer>> lists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) lists.add(new ArrayList<>(2));
        for (int i = 0; i < n; i++) {
            for (String dep : spec.agents().get(i).dependsOn()) {
                lists.get(index.get(dep)).add(i);
                pending.incrementAndGet(i);
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        return out;
    }

    public void start() {
        startedAt = now();
        spans = dev.baton.observe.internal.RunSpans.start(engine.options().telemetry(), spec.name(), runId);
        events.emit(new RunEvent.RunStarted(runId, spec.name(), input, spec.agents().size(), startedAt));
        if (spec.agents().isEmpty()) {
            finish();
            return;
        }
        // roots are fixed before any launch: a fast root could otherwise bring a dependent's
        // count to zero while this loop is still scanning, and it would be launched twice
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < spec.agents().size(); i++) {
            if (spec.agents().get(i).dependsOn().isEmpty()) roots.add(i);
        }
        roots.forEach(this::launch);
    }

    private void launch(int i) {
        AgentSpec agent = spec.agents().get(i);
        AgentResult carried = restored.get(agent.name());
        if (carried != null) {
            if (carried.startedAt() != null) started.set(i, carried.startedAt());
            order.add(agent.name());
            record(i, carried);
            return;
        }
        Thread.ofVirtual().name("baton-agent-" + agent.name()).start(() -> {
            AgentResult r;
            try {
                r = spans.agent(agent.name(), () -> new AgentExecution(this, agent).execute());
            } catch (RuntimeException | Error e) {
                r = AgentResult.failed(agent.name(),
                        new AgentError(dev.baton.error.ErrorCode.AGENT_FAILURE, "internal error: " + e), started.get(i), now());
            }
            record(i, r);
        });
    }

    private void record(int i, AgentResult r) {
        if (!results.compareAndSet(i, null, r)) return;
        events.emit(switch (r.status()) {
            case COMPLETED -> new RunEvent.AgentCompleted(runId, r, r.finishedAt());
            case FAILED -> new RunEvent.AgentFailed(runId, r, r.finishedAt());
            case SKIPPED -> new RunEvent.AgentSkipped(runId, r, r.finishedAt());
            case CANCELLED -> new RunEvent.AgentCancelled(runId, r, r.finishedAt());
        });
        for (int d : dependents[i]) {
            if (pending.decrementAndGet(d) == 0 && !cancelRequested.get()) launch(d);
        }
        if (remaining.decrementAndGet() == 0) finish();
    }

    private void finish() {
        budget.close();
        List<AgentResult> all = new ArrayList<>(results.length());
        for (int i = 0; i < results.length(); i++) all.add(results.get(i));
        Instant end = now();
        RunResult result = RunOutcome.build(spec, runId, input, all, List.copyOf(order), cancelRequested.get(),
                dependents, startedAt, end);
        result = result.withChecks(EnsembleChecks.of(spec, result, outputCheck));
        events.emit(new RunEvent.RunCompleted(runId, result, end));
        spans.finished(result.status());
        done.complete(result);
    }

    /** Cancels the run: running attempts are aborted, unsettled agents become {@code cancelled}. */
    public void cancel() {
        if (done.isDone() || !cancelRequested.compareAndSet(false, true)) return;
        inflight.forEach(Attempt::cancel);
        for (int i = 0; i < results.length(); i++) {
            if (results.get(i) == null) {
                record(i, AgentResult.cancelled(spec.agents().get(i).name(), started.get(i), now()));
            }
        }
    }

    public CompletableFuture<RunResult> done() {
        return done;
    }

    // ---- used by AgentExecution and the runners ----

    /** This run's spans: what carries the current span onto the threads agents' attempts run on. */
    dev.baton.observe.internal.RunSpans spans() {
        return spans;
    }

    AgentResult result(String agent) {
        return results.get(index.get(agent));
    }

    Instant markStarted(String agent) {
        Instant at = now();
        started.set(index.get(agent), at);
        order.add(agent);
        events.emit(new RunEvent.AgentStarted(runId, agent, at));
        return at;
    }

    void recordUsage(String agent, String model, Usage usage) {
        budget.add(usage);
        events.emit(new RunEvent.UsageRecorded(runId, agent, model, usage, now()));
    }

    /** A tool call of {@code agent} began (its arguments are not in the event: they are redacted only once it ends). */
    void toolCallStarted(String agent, String callId, String tool) {
        events.emit(new RunEvent.ToolCallStarted(runId, agent, callId, tool, now()));
    }

    void toolCallFinished(String agent, AgentToolCall call) {
        events.emit(new RunEvent.ToolCallFinished(runId, agent, call, now()));
    }

    /** Decides this run's tool calls that need approval. */
    Approver approver() {
        return approver;
    }

    boolean acquirePermit() {
        if (permits == null) return true;
        try {
            permits.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void releasePermit() {
        if (permits != null) permits.release();
    }

    /** Tracks a running attempt so cancel can reach it; false (and not tracked) when already cancelled. */
    boolean register(Attempt attempt) {
        inflight.add(attempt);
        if (cancelRequested.get()) {
            inflight.remove(attempt);
            return false;
        }
        return true;
    }

    void unregister(Attempt attempt) {
        inflight.remove(attempt);
    }

    /** The deadline of one attempt: agent, then profile, then engine default, then 60 s; none for child runs. */
    Duration timeoutFor(AgentSpec agent, ModelChoice choice) {
        if (agent.timeoutSeconds() != null) return Duration.ofMillis(Math.round(agent.timeoutSeconds() * 1000));
        // a child run's agents have their own deadlines; the parent agent waits for them
        if (agent.kind() instanceof AgentKind.Ensemble || agent.kind() instanceof AgentKind.Loop
                || agent.kind() instanceof AgentKind.Dispatch) return null;
        if (choice != null && choice.profile() != null) {
            var profileTimeout = profileTimeouts.computeIfAbsent(choice.profile(), engine.options().models()::profileTimeout);
            if (profileTimeout.isPresent()) return profileTimeout.get();
        }
        return engine.options().effectiveDefaultTimeout();
    }

    AgentModels models() {
        return engine.options().models();
    }

    /** The child run {@code agent} started, once it has ended; null when it started none. */
    dev.baton.ensemble.run.ChildRun childRunOf(AgentSpec agent) {
        RunHandle h = childRuns.get(agent.name());
        if (h == null || !h.future().isDone() || h.future().isCompletedExceptionally()) return null;
        return dev.baton.ensemble.run.ChildRun.of(h.future().join(), agent.dispatch());
    }

    /** Starts child runs of {@code agent}: one level deeper, spending this run's budget too. */
    ChildRunLauncher childRuns(AgentSpec agent) {
        List<String> below = new ArrayList<>(lineage);
        below.add(spec.name());
        return new ChildRunLauncher() {
            @Override
            public Optional<EnsembleSpec> find(String name) {
                return engine.options().catalog().find(name);
            }

            @Override
            public int childDepth() {
                return depth + 1;
            }

            @Override
            public int maxDepth() {
                return engine.options().maxDepth();
            }

            @Override
            public List<String> lineage() {
                return List.copyOf(below);
            }

            @Override
            public List<dev.baton.ensemble.load.Problem> admit(EnsembleSpec child) {
                return engine.admitChild(below, child);
            }

            @Override
            public RunHandle start(EnsembleSpec child, String input, RunListener listener) {
                RunHandle handle = engine.startChild(child, input, depth + 1, runId, approver, listener, below);
                childRuns.put(agent.name(), handle);
                return handle;
            }
        };
    }

    AgentRunner runnerFor(String kind) {
        return engine.runner(kind);
    }

    OutputCheck outputCheck() {
        return outputCheck;
    }

    public JsonText json() {
        return outputCheck.json();
    }

    RunBudget budget() {
        return budget;
    }

    boolean cancelRequested() {
        return cancelRequested.get();
    }

    public EnsembleEngine engine() {
        return engine;
    }

    public EnsembleSpec spec() {
        return spec;
    }

    public String runId() {
        return runId;
    }

    String input() {
        return input;
    }

    public int depth() {
        return depth;
    }

    Instant now() {
        return engine.options().clock().instant();
    }
}
