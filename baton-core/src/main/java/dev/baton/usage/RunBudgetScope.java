package dev.baton.usage;

/**
 * An open run budget in a {@link BudgetEnforcer} (see {@link BudgetEnforcer#openRun}). Closing it
 * stops new reservations on the run's budget; calls still in flight settle as usual.
 */
public final class RunBudgetScope implements AutoCloseable {

    /** The scope of a run without a budget: closing it does nothing. */
    public static final RunBudgetScope NONE = new RunBudgetScope(() -> { });

    private final Runnable onClose;

    RunBudgetScope(Runnable onClose) {
        this.onClose = onClose;
    }

    /** Whether calls of the run reserve on a budget (its own or an ancestor's). */
    public boolean enforced() {
        return this != NONE;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
