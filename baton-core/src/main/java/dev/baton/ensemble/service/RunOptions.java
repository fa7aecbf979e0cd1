package dev.baton.ensemble.service;

import dev.baton.tool.Approver;
import dev.baton.tool.NonInteractiveApprover;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How {@link Ensembles} runs an ensemble: overrides of its {@code max_concurrency} and USD budget
 * (null: the ensemble's own), whether the run's artifacts are written and indexed (default yes),
 * and who hears where they went ({@link ArtifactOutcome}, once per run, on the thread that
 * completes the run, before the result is handed out), and the approver of tool calls the
 * permissions leave to a person (default {@link NonInteractiveApprover}: denied, saying which
 * configuration key would allow them), and the labels put on every model call of the run and its
 * child runs ({@code callMetadata}, keys of {@link dev.baton.pipeline.CallMetadata} such as
 * {@code api_key}; default none; a label the engine sets itself, such as {@code run_id}, wins).
 */
public record RunOptions(Integer maxConcurrency, BigDecimal budgetUsd, boolean artifacts,
                         Consumer<ArtifactOutcome> onArtifacts, Approver approver, Map<String, String> callMetadata) {

    private static final Consumer<ArtifactOutcome> IGNORE = o -> { };

    public RunOptions {
        if (maxConcurrency != null && maxConcurrency < 1) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "max concurrency must be at least 1, not " + maxConcurrency);
        }
        if (budgetUsd != null && budgetUsd.signum() <= 0) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "budget must be more than 0 USD, not " + budgetUsd.toPlainString());
        }
        onArtifacts = onArtifacts == null ? IGNORE : onArtifacts;
        approver = approver == null ? new NonInteractiveApprover() : approver;
        callMetadata = callMetadata == null ? Map.of() : Map.copyOf(callMetadata);
    }

    /** The options before call labels existed: no labels. */
    public RunOptions(Integer maxConcurrency, BigDecimal budgetUsd, boolean artifacts,
                      Consumer<ArtifactOutcome> onArtifacts, Approver approver) {
        this(maxConcurrency, budgetUsd, artifacts, onArtifacts, approver, Map.of());
    }

    /** The ensemble's own settings, artifacts written and indexed. */
    public static RunOptions defaults() {
        return new RunOptions(null, null, true, null, null);
    }

    public RunOptions withMaxConcurrency(Integer value) {
        return new RunOptions(value, budgetUsd, artifacts, onArtifacts, approver, callMetadata);
    }

    public RunOptions withBudgetUsd(BigDecimal value) {
        return new RunOptions(maxConcurrency, value, artifacts, onArtifacts, approver, callMetadata);
    }

    public RunOptions withArtifacts(boolean value) {
        return new RunOptions(maxConcurrency, budgetUsd, value, onArtifacts, approver, callMetadata);
    }

    /** Who decides the run's tool calls that need approval (default: a {@link NonInteractiveApprover}, which denies them). */
    public RunOptions withApprover(Approver value) {
        return new RunOptions(maxConcurrency, budgetUsd, artifacts, onArtifacts, value, callMetadata);
    }

    public RunOptions withOnArtifacts(Consumer<ArtifactOutcome> value) {
        return new RunOptions(maxConcurrency, budgetUsd, artifacts, value, approver, callMetadata);
    }

    /**
     * Labels every model call of the run (child runs included) with {@code value}, e.g.
     * {@code api_key} → the caller's key id, so budgets and the usage ledger see them.
     */
    public RunOptions withCallMetadata(Map<String, String> value) {
        return new RunOptions(maxConcurrency, budgetUsd, artifacts, onArtifacts, approver, value);
    }
}
