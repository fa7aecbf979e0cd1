package dev.baton.ensemble.run;

import dev.baton.tool.Approver;
import dev.baton.tool.NonInteractiveApprover;

import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.agent.ScriptResolver;
import dev.baton.ensemble.agent.internal.DispatchAgentRunner;
import dev.baton.ensemble.agent.internal.EnsembleAgentRunner;
import dev.baton.ensemble.agent.internal.LlmAgentRunner;
import dev.baton.ensemble.agent.internal.LoopAgentRunner;
import dev.baton.ensemble.agent.internal.ScriptAgentRunner;
import dev.baton.ensemble.agent.internal.ScriptLauncher;
import dev.baton.ensemble.agent.internal.ScriptLeftovers;
import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.load.EnsembleLoader;
import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.run.internal.JsonText;
import dev.baton.ensemble.run.internal.OutputCheck;
import dev.baton.ensemble.run.internal.RunExecution;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.EnsembleSpec;

import dev.baton.pipeline.internal.JsonOutputValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs ensembles. {@link #start} returns at once with a {@link RunHandle}; {@link #run} blocks
 * (and cancels the run if the calling thread is interrupted). Each agent runs on a virtual
 * thread as soon as its own dependencies have settled, under its deadline, bounded by the
 * ensemble's {@code max_concurrency}; one agent's failure or timeout never stops the others.
 * Specs should come from {@link EnsembleLoader} (validated). Thread-safe; one engine serves
 * any number of concurrent runs.
 */
public final class EnsembleEngine {

    private static final Approver NON_INTERACTIVE = new NonInteractiveApprover();

    private final EngineOptions options;
    private final JsonOutputValidator validator = new JsonOutputValidator();
    // one JSON reader and output check for every run of this engine
    private final OutputCheck outputCheck = new OutputCheck(new JsonText(JsonMapper.builder().build()), validator);
    private final Map<String, AgentRunner> runners = new HashMap<>();

    public EnsembleEngine(EngineOptions options) {
        this.options = options;
        ScriptResolver scripts = new ScriptResolver(options.projectDir(), options.userScriptsDir());
        register(new LlmAgentRunner(options.models(), validator));
        ScriptLeftovers leftovers = options.scriptRecordDir() == null ? null
                : new ScriptLeftovers(options.scriptRecordDir());
        register(new ScriptAgentRunner(scripts, new ScriptLauncher(leftovers),
                options.projectDir(), options.maxStdoutBytes(), options.stderrTailBytes()));
        register(new EnsembleAgentRunner());
        register(new DispatchAgentRunner());
        register(new LoopAgentRunner());
        options.runners().forEach(this::register);
    }

    private void register(AgentRunner runner) {
        runners.put(Objects.requireNonNull(runner.kind(), "AgentRunner.kind()"), runner);
    }

    public EngineOptions options() {
        return options;
    }

    /**
     * Starts a run; {@code input} null means the ensemble's {@code default_task} (or empty).
     * Throws {@link EnsembleDefinitionException} for a spec that cannot run (duplicate agent
     * names, missing dependencies, cycles).
     */
    public RunHandle start(EnsembleSpec spec, String input, RunListener... listeners) {
        return start(spec, input, NON_INTERACTIVE, listeners);
    }

    /**
     * Starts a run whose tool calls that need approval are decided by {@code approver} (the
     * other overloads use a {@link NonInteractiveApprover}, which denies them). Child runs of
     * its ensemble and loop agents use the same approver.
     */
    public RunHandle start(EnsembleSpec spec, String input, Approver approver, RunListener... listeners) {
        List<RunListener> all = new ArrayList<>(options.listeners());
        all.addAll(List.of(listeners));
        return start(spec, input, 0, null, Objects.requireNonNull(approver, "approver"), all);
    }

    /**
     * Starts a run that resumes an earlier one: each agent named in {@code restored} is not run
     * again but settles at once with the given result (its events are emitted as if it had just
     * ended, so listeners and artifacts see a whole run); every other agent runs as usual once its
     * dependencies have settled. Used when a task is handed to another worker after its first
     * worker died: completed agents are neither re-run nor re-billed.
     */
    public RunHandle resume(EnsembleSpec spec, String input, Approver approver, Map<String, AgentResult> restored,
                            RunListener... listeners) {
        List<RunListener> all = new ArrayList<>(options.listeners());
        all.addAll(List.of(listeners));
        return start(spec, input, 0, null, Objects.requireNonNull(approver, "approver"), all, List.of(), restored);
    }

    /** Runs to the end and returns the result; see {@link RunHandle#await()} for interruption. */
    public RunResult run(EnsembleSpec spec, String input, RunListener... listeners) {
        return start(spec, input, listeners).await();
    }

    /**
     * A nested run (ensemble agent, loop body): one level deeper, no listeners of its own; its
     * model calls also spend the budget of {@code parentRunId} and its ancestors. Public for the
     * engine's own {@code run.internal} package; agent runners use {@code AgentContext.childRuns()}.
     */
    public RunHandle startChild(EnsembleSpec spec, String input, int depth, String parentRunId, RunListener listener) {
        return startChild(spec, input, depth, parentRunId, NON_INTERACTIVE, listener);
    }

    /** {@link #startChild(EnsembleSpec, String, int, String, RunListener)} with the parent run's approver. */
    public RunHandle startChild(EnsembleSpec spec, String input, int depth, String parentRunId, Approver approver,
                                RunListener listener) {
        return start(spec, input, depth, parentRunId, approver, List.of(listener), List.of());
    }

    /** A nested run under the runs of {@code lineage} (their ensembles, top-level first). */
    public RunHandle startChild(EnsembleSpec spec, String input, int depth, String parentRunId, Approver approver,
                                RunListener listener, List<String> lineage) {
        return start(spec, input, depth, parentRunId, approver, List.of(listener), lineage);
    }

    /**
     * The problems that keep {@code child} from running under the runs of {@code lineage}: its
     * validation against this engine's models, catalog and scripts, nesting from the top-level
     * run, and cycles through {@code lineage}. Used for children named only at run time.
     */
    public List<Problem> admitChild(List<String> lineage, EnsembleSpec child) {
        EnsembleValidator.Options checks = EnsembleValidator.Options.defaults().withCatalog(options.catalog())
                .withMaxDepth(options.maxDepth()).withModels(options.models())
                .withScripts(new ScriptResolver(options.projectDir(), options.userScriptsDir()));
        return new EnsembleValidator(checks).validateUnder(lineage, child);
    }

    private RunHandle start(EnsembleSpec spec, String input, int depth, String parentRunId, Approver approver,
                            List<RunListener> listeners) {
        return start(spec, input, depth, parentRunId, approver, listeners, List.of());
    }

    private RunHandle start(EnsembleSpec spec, String input, int depth, String parentRunId, Approver approver,
                            List<RunListener> listeners, List<String> lineage) {
        return start(spec, input, depth, parentRunId, approver, listeners, lineage, Map.of());
    }

    private RunHandle start(EnsembleSpec spec, String input, int depth, String parentRunId, Approver approver,
                            List<RunListener> listeners, List<String> lineage, Map<String, AgentResult> restored) {
        List<Problem> problems = EnsembleValidator.structuralProblems(spec);
        if (!problems.isEmpty()) throw new EnsembleDefinitionException(problems);
        String effective = input != null ? input : spec.defaultTask() != null ? spec.defaultTask() : "";
        RunExecution execution = new RunExecution(this, outputCheck, spec, UUID.randomUUID().toString(), parentRunId, effective, depth,
                approver, listeners, lineage, restored);
        execution.start();
        return new RunHandle(execution);
    }

    /** The runner for agent kind {@code kind}, or null when none is registered. */
    public AgentRunner runner(String kind) {
        return runners.get(kind);
    }
}
