package dev.baton.server.api.internal;

import dev.baton.Baton;
import dev.baton.EnsembleRequirements;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.pipeline.CallMetadata;
import dev.baton.server.Caller;
import dev.baton.tool.Approver;
import dev.baton.tool.ToolApprovals;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts ensemble runs for HTTP callers through {@code baton.ensembles()}: loads and validates
 * the ensemble, refuses a caller whose key is limited to profiles the ensemble (its child
 * ensembles included) does not keep to, labels every model call with the caller's key id
 * ({@link CallMetadata#API_KEY}) so budgets and the ledger see it, parks its tool calls that need
 * a person's approval in {@link ToolApprovals} (owned by the caller's key, announced on the run's
 * event stream) instead of denying them, and registers the run with its event log before its
 * first event.
 */
public final class RunStarter {

    /** What a request may override: the ensemble's {@code max_concurrency} and its USD budget (null: the ensemble's). */
    public record Overrides(@Nullable Integer maxConcurrency, @Nullable BigDecimal budgetUsd) {
        public static final Overrides NONE = new Overrides(null, null);
    }

    private final Baton baton;
    private final RunRegistry registry;
    private final ToolApprovals approvals;

    public RunStarter(Baton baton, RunRegistry registry, ToolApprovals approvals) {
        this.baton = baton;
        this.registry = registry;
        this.approvals = approvals;
    }

    /**
     * The ensemble {@code name}, validated, that {@code caller} may run.
     *
     * @throws BatonException {@code NOT_FOUND}, {@code VALIDATION} (its problems), or
     *                        {@code PERMISSION_DENIED} naming the profiles the caller's key may not use
     */
    public EnsembleSpec load(String name, Caller caller) {
        EnsembleSpec spec = baton.ensembles().load(name);
        if (!caller.profiles().isEmpty()) {
            List<String> needed = new EnsembleRequirements(baton, Duration.ofSeconds(1)).dependencies(name).profiles();
            List<String> refused = needed.stream().filter(p -> !caller.mayUse(p)).toList();
            if (!refused.isEmpty()) {
                throw BatonException.builder(ErrorCode.PERMISSION_DENIED, "key '" + caller.name() + "' may not use "
                                + (refused.size() == 1 ? "profile " : "profiles ") + String.join(", ", refused)
                                + ", which ensemble '" + name + "' needs; it may use " + String.join(", ", caller.profiles()))
                        .suggestion("run the ensemble with a key allowed those profiles (baton keys create --profiles ...)")
                        .build();
            }
        }
        return spec;
    }

    /** Starts one run of {@code spec} ({@code input} null: its default task) for {@code caller}. */
    public ApiRun start(EnsembleSpec spec, @Nullable String input, Overrides overrides, Caller caller, @Nullable String batchId) {
        ApiRun run = new ApiRun(spec.name(), caller.keyId(), batchId, registry.now(), input, registry.recorder());
        // the run's id is known by its first event, which comes before any agent (and so any tool call) starts
        Approver approver = request -> approvals.approver(run.id(), caller.keyId(), run).decide(request);
        RunOptions options = RunOptions.defaults().withOnArtifacts(run::onArtifacts).withApprover(approver);
        if (overrides.maxConcurrency() != null) options = options.withMaxConcurrency(overrides.maxConcurrency());
        if (overrides.budgetUsd() != null) options = options.withBudgetUsd(overrides.budgetUsd());
        if (caller.keyId() != null) options = options.withCallMetadata(Map.of(CallMetadata.API_KEY, caller.keyId()));
        RunHandle handle = baton.ensembles().run(spec, input, options, run::onEvent);
        run.started(handle);
        try {
            registry.add(run);
        } catch (RuntimeException e) {
            handle.cancel(); // not in the store, no replica could see or cancel it: it must not run on
            throw e;
        }
        return run;
    }
}
