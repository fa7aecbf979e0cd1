package dev.baton.ensemble.service;

import dev.baton.tool.Approver;
import dev.baton.tool.NonInteractiveApprover;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.math.BigDecimal;
import java.util.function.Consumer;

/**
 * How {@link Ensembles} runs an ensemble: overrides of its {@code max_concurrency} and USD budget
 * (null: the ensemble's own), whether the run's artifacts are written and indexed (default yes),
 * and who hears where they went ({@link ArtifactOutcome}, once per run, on the thread that
 * completes the run, before the result is handed out), and the approver of tool calls the
 * permissions leave to a person (default {@link NonInteractiveApprover}: denied, saying which
 * configuration key would allow them).
 */
public record RunOptions(Integer maxConcurrency, BigDecimal budgetUsd, boolean artifacts,
                         Consumer<ArtifactOutcome> onArtifacts, Approver approver) {

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
    }

    /** The ensemble's own settings, artifacts written and indexed. */
    public static RunOptions defaults() {
        return new RunOptions(null, null, true, null, null);
    }

    public RunOptions withMaxConcurrency(Integer value) {
        return new RunOptions(value, budgetUsd, artifacts, onArtifacts, approver);
    }

    public RunOptions withBudgetUsd(BigDecimal value) {
        return new RunOptions(maxConcurrency, value, artifacts, onArtifacts, approver);
    }

    public RunOptions withArtifacts(boolean value) {
        return new RunOptions(maxConcurrency, budgetUsd, value, onArtifacts, approver);
    }

    /** Who decides the run's tool calls that need approval (default: a {@link NonInteractiveApprover}, which denies them). */
    public RunOptions withApprover(Approver value) {
        return new RunOptions(maxConcurrency, budgetUsd, artifacts, onArtifacts, value);
    }

    public RunOptions withOnArtifacts(Consumer<ArtifactOutcome> value) {
        return new RunOptions(maxConcurrency, budgetUsd, artifacts, value, approver);
    }
}
