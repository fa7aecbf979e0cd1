package dev.baton.tool;

import dev.baton.tool.internal.WaitingApprovals;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Tool calls waiting for a person who is not at a terminal (a client of the HTTP API): the
 * {@link Approver}s it hands out park each request as a pending {@link ToolApproval} and block
 * the calling thread (the run's own) until someone {@linkplain #decide decides}, the
 * {@linkplain #timeout() timeout} passes (denied), or the thread is interrupted because the run
 * was cancelled (denied; the interrupt flag is set again). Each denial names why, so the model and
 * the audit log carry it. Decided approvals stay readable for a while, so a second decision is
 * told apart from an unknown id. Listeners see approvals asked for and decided. Thread-safe.
 */
public interface ToolApprovals {

    /** How long a call waits for a decision unless configured ({@code tools.approval_timeout}). */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** How the audit log names the decider of an approval nobody decided in time. */
    String TIMED_OUT_BY = "approval-timeout";

    /** How the audit log names the decider of an approval whose run was cancelled while it waited. */
    String CANCELLED_BY = "run-cancelled";

    /** A service whose calls wait at most {@code timeout}, timed by {@code clock}'s instants. */
    static ToolApprovals create(Duration timeout, Clock clock) {
        return new WaitingApprovals(timeout, clock);
    }

    /** How long a call waits for a decision. */
    Duration timeout();

    /**
     * An approver that parks each request as an approval of run {@code runId} (requests of its
     * child runs included) owned by {@code owner}, telling {@code listener} (besides the
     * service's own listeners) when it is asked for and when it is decided.
     */
    Approver approver(String runId, @Nullable String owner, Listener listener);

    /** Every approval still pending, oldest first. */
    List<ToolApproval> pending();

    /** The approval {@code id}, pending or recently decided. */
    Optional<ToolApproval> find(String id);

    /**
     * Decides the pending approval {@code id}: {@code decision} is what the waiting call gets
     * (its {@code decidedBy} goes to the audit log).
     *
     * @return the approval as decided
     * @throws dev.baton.error.BatonException {@code NOT_FOUND} for an id this service does not
     *                                        know (any more), {@code IDEMPOTENCY_CONFLICT} (409)
     *                                        when it was already decided, saying how
     */
    ToolApproval decide(String id, Approver.Decision decision);

    /** Approves {@code id} on behalf of {@code decidedBy}. */
    default ToolApproval approve(String id, String decidedBy) {
        return decide(id, Approver.Decision.allow(decidedBy));
    }

    /** Denies {@code id} on behalf of {@code decidedBy}; {@code reason} (may be blank) reaches the model. */
    default ToolApproval deny(String id, String decidedBy, String reason) {
        return decide(id, Approver.Decision.deny(decidedBy, reason));
    }

    /** Tells {@code listener} about every approval asked for and decided from now on, until the returned handle is closed. */
    AutoCloseable listen(Listener listener);

    /** Hears approvals asked for and decided. Called on the thread that asked or decided; must not block. */
    interface Listener {

        /** Hears nothing. */
        Listener NONE = new Listener() { };

        /** {@code approval} is now pending. */
        default void requested(ToolApproval approval) {
        }

        /** {@code approval} was decided (approved, denied, timed out or cancelled). */
        default void decided(ToolApproval approval) {
        }
    }
}
