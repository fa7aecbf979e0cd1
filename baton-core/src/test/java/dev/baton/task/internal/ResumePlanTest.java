package dev.baton.task.internal;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.ResumePolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which agents a resumed run takes from checkpoints, by each agent's {@code resume:} policy. */
class ResumePlanTest {

    private static String completed(String name) {
        return RunResultJson.writeAgent(AgentResult.builder(name, AgentStatus.COMPLETED).output("out of " + name)
                .startedAt(Instant.EPOCH).finishedAt(Instant.EPOCH).build()).toString();
    }

    @Test
    void completed_agents_are_reused_unless_restart_and_interrupted_ones_run_again_unless_fail() {
        EnsembleSpec spec = EnsembleSpec.of("e", List.of(
                AgentSpec.builder("reused").build(),
                AgentSpec.builder("restarted").resume(ResumePolicy.RESTART).build(),
                AgentSpec.builder("interrupted").build(),
                AgentSpec.builder("side_effect").resume(ResumePolicy.FAIL).build(),
                AgentSpec.builder("never_started").resume(ResumePolicy.FAIL).build()));
        List<TaskRepository.Checkpoint> checkpoints = List.of(
                new TaskRepository.Checkpoint("reused", "completed", completed("reused"), "r1"),
                new TaskRepository.Checkpoint("restarted", "completed", completed("restarted"), "r1"),
                new TaskRepository.Checkpoint("interrupted", "started", null, "r1"),
                new TaskRepository.Checkpoint("side_effect", "started", null, "r1"));

        Map<String, AgentResult> restored = ResumePlan.restored(spec, checkpoints, JsonMapper.builder().build(), Instant.EPOCH);

        assertThat(restored).containsOnlyKeys("reused", "side_effect");
        assertThat(restored.get("reused").output()).isEqualTo("out of reused");
        assertThat(restored.get("side_effect").status()).isEqualTo(AgentStatus.FAILED);
        assertThat(restored.get("side_effect").error().message()).contains("resume: fail").contains("r1");
    }

    @Test
    void the_resume_key_of_an_agent_is_read_from_yaml_and_a_bad_value_is_a_problem_naming_it() {
        var parser = new dev.baton.ensemble.load.EnsembleParser();
        var ok = parser.parse("""
                name: e
                agents:
                  - {name: deploy, script: deploy.sh, resume: fail}
                  - {name: plain, script: plain.sh}
                """, java.nio.file.Path.of("e.yaml"));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.spec().agent("deploy").orElseThrow().resume()).isEqualTo(ResumePolicy.FAIL);
        assertThat(ok.spec().agent("plain").orElseThrow().resume()).isEqualTo(ResumePolicy.CHECKPOINT);

        var bad = parser.parse("""
                name: e
                agents:
                  - {name: deploy, script: deploy.sh, resume: sometimes}
                """, java.nio.file.Path.of("e.yaml"));
        assertThat(bad.problems()).anySatisfy(p -> assertThat(p.toString()).contains("resume"));
    }
}
