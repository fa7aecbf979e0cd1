package dev.baton.ensemble.agent;

import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunListener;
import dev.baton.ensemble.spec.EnsembleSpec;
import java.util.List;
import java.util.Optional;
import dev.baton.ensemble.load.Problem;

/**
 * Starts child runs for an agent (ensemble and loop agents, or a custom kind that delegates to
 * an ensemble), one nesting level below the agent's run. A child run's model calls also spend the
 * budgets of the runs above it; it has no listeners but the one given.
 */
public interface ChildRunLauncher {

    /** The ensemble called {@code name} in the engine's catalog, or empty. */
    Optional<EnsembleSpec> find(String name);

    /** The nesting depth a child run started here would have (the top-level run is 0). */
    int childDepth();

    /** The deepest nesting the engine allows. */
    int maxDepth();

    /** The ensembles of the runs from the top-level one down to the run a child started here is under. */
    default List<String> lineage() {
        return List.of();
    }

    /**
     * What keeps {@code spec} from running as a child here, checked when the child is only known
     * at run time ({@code dispatch:}): its own validation (with the ensembles it uses), the nesting
     * limit counted from the top-level run, and cycles through the runs above. Empty: it may run.
     */
    default List<Problem> admit(EnsembleSpec spec) {
        return List.of();
    }

    /** Starts {@code spec} with {@code input} one level down; {@code listener} sees its events. */
    RunHandle start(EnsembleSpec spec, String input, RunListener listener);
}
