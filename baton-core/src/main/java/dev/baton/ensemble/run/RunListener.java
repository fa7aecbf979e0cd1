package dev.baton.ensemble.run;

/**
 * Receives every event of a run. Events of one run are delivered one at a time, in the order
 * they happened, on the thread that caused them; a listener must return quickly (it holds up
 * the agent that emitted the event) and must not throw (exceptions are logged and ignored).
 * {@code run_completed} is delivered before the run's result is handed to its caller.
 */
@FunctionalInterface
public interface RunListener {
    void onEvent(RunEvent event);
}
