package dev.baton.task.internal;

import dev.baton.ensemble.run.AgentError;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.ResumePolicy;
import dev.baton.error.ErrorCode;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which agents of a resumed run settle from their checkpoints instead of running, by each
 * agent's {@code resume:} policy: a completed agent is reused unless it says {@code restart}; an
 * agent that was still running when its worker died runs again unless it says {@code fail}, in
 * which case it is recorded failed without starting.
 */
final class ResumePlan {

    private ResumePlan() {
    }

    static Map<String, AgentResult> restored(EnsembleSpec spec, List<TaskRepository.Checkpoint> checkpoints,
                                             ObjectMapper json, Instant now) {
        Map<String, TaskRepository.Checkpoint> byAgent = new HashMap<>();
        checkpoints.forEach(c -> byAgent.put(c.agent(), c));
        Map<String, AgentResult> out = new HashMap<>();
        for (AgentSpec agent : spec.agents()) {
            TaskRepository.Checkpoint c = byAgent.get(agent.name());
            if (c == null) continue;
            if ("completed".equals(c.status()) && c.result() != null && agent.resume() != ResumePolicy.RESTART) {
                out.put(agent.name(), RunResultJson.readAgent(agent.name(), json.readTree(c.result())));
            } else if ("started".equals(c.status()) && agent.resume() == ResumePolicy.FAIL) {
                out.put(agent.name(), AgentResult.failed(agent.name(), new AgentError(ErrorCode.AGENT_FAILURE,
                        "not started again: its worker (" + c.replica() + ") stopped while it ran and it has resume: fail"),
                        null, now));
            }
        }
        return out;
    }
}
