package dev.baton.ensemble.spec;

/**
 * What a resumed run does with an agent (YAML {@code resume:}) when its task is handed to another
 * worker after the first one died. {@code CHECKPOINT} (the default): a completed agent's
 * checkpointed result is reused, an agent that was still running starts again. {@code RESTART}: the
 * agent always runs again on the new worker, even if it had completed (for agents whose result
 * must come from the worker that carries on, e.g. a script that leaves files on local disk).
 * {@code FAIL}: an agent that was still running when its worker died is not started again but
 * recorded as failed (for scripts with side effects that must not happen twice); a completed one
 * is reused.
 */
public enum ResumePolicy {
    CHECKPOINT, RESTART, FAIL
}
