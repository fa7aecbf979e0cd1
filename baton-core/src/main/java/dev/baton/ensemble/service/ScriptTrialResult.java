package dev.baton.ensemble.service;

import dev.baton.ensemble.agent.ScriptProcess;

import java.util.List;

/** What a {@link Scripts#test} run did: the command, the process result, and why it counts as failed (null: it passed). */
public record ScriptTrialResult(List<String> command, ScriptProcess.Result process, String failure) {

    public ScriptTrialResult {
        command = List.copyOf(command);
    }

    public boolean ok() {
        return failure == null;
    }
}
