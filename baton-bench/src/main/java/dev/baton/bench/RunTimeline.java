package dev.baton.bench;

import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunListener;

/**
 * When the milestones of one fan-in run happened (System.nanoTime), from its events: the last
 * reviewer started and finished, the synthesizer and editor started and finished, the run ended.
 * Events of a run are delivered one at a time (under the dispatcher's lock), so plain fields do;
 * the caller reads them after the run's result, which is handed over after {@code run_completed}.
 */
final class RunTimeline implements RunListener {

    long runStarted;
    long lastReviewerStarted;
    long lastReviewerFinished;
    long synthesizerStarted;
    long synthesizerFinished;
    long editorStarted;
    long editorFinished;
    long runCompleted;
    int reviewersStarted;

    @Override
    public void onEvent(RunEvent event) {
        long now = System.nanoTime();
        switch (event) {
            case RunEvent.RunStarted e -> runStarted = now;
            case RunEvent.AgentStarted e -> started(e.agent(), now);
            case RunEvent.AgentCompleted e -> finished(e.result().name(), now);
            case RunEvent.AgentFailed e -> finished(e.result().name(), now);
            case RunEvent.RunCompleted e -> runCompleted = now;
            default -> { }
        }
    }

    private void started(String agent, long now) {
        if (agent.startsWith(ScaleEnsembles.REVIEWER_PREFIX)) {
            reviewersStarted++;
            lastReviewerStarted = now;
        } else if (agent.equals(ScaleEnsembles.SYNTHESIZER)) {
            synthesizerStarted = now;
        } else if (agent.equals(ScaleEnsembles.EDITOR)) {
            editorStarted = now;
        }
    }

    private void finished(String agent, long now) {
        if (agent.startsWith(ScaleEnsembles.REVIEWER_PREFIX)) lastReviewerFinished = now;
        else if (agent.equals(ScaleEnsembles.SYNTHESIZER)) synthesizerFinished = now;
        else if (agent.equals(ScaleEnsembles.EDITOR)) editorFinished = now;
    }

    /** Milliseconds from the run's start to {@code at}. */
    double sinceStart(long at) {
        return (at - runStarted) / 1e6;
    }

    static double ms(long from, long to) {
        return (to - from) / 1e6;
    }
}
