package dev.baton.ensemble.agent;

import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.load.EnsembleParser;
import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.spec.EnsembleSpec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptAgentTest {

    @TempDir
    Path project;

    @TempDir
    Path userScripts;

    private final FakeModels models = new FakeModels();

    private EnsembleEngine engine() {
        return new EnsembleEngine(EngineOptions.builder(models).projectDir(project).userScriptsDir(userScripts).build());
    }

    private Path script(Path dir, String name, String body) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), body);
    }

    private static AgentResult agent(RunResult r, String name) {
        return r.agent(name).orElseThrow();
    }

    @Test
    void script_reads_json_on_stdin_and_its_json_stdout_is_the_output() throws Exception {
        script(project.resolve(".baton/scripts"), "echo_input.py", """
                import json, os, sys
                data = json.load(sys.stdin)
                print(json.dumps({
                    "input": data["input"],
                    "limit": data["parameters"]["limit"],
                    "upstream": data["dependencies"]["source"]["response"],
                    "upstream_status": data["dependencies"]["source"]["status"],
                    "agent": data["context"]["agent"],
                    "env_input": os.environ["BATON_INPUT"],
                    "env_params": json.loads(os.environ["BATON_PARAMETERS"]),
                }))
                """);
        models.reply("source", "{\"items\": [1, 2]}");
        EnsembleSpec spec = Specs.yaml("""
                name: s
                agents:
                  - {name: source, model_profile: fast}
                  - name: tool
                    script: echo_input.py
                    parameters: {limit: 3}
                    depends_on: [source]
                """);
        RunResult r = engine().run(spec, "the input");

        AgentResult tool = agent(r, "tool");
        assertThat(tool.status()).as(String.valueOf(tool.error())).isEqualTo(AgentStatus.COMPLETED);
        assertThat(tool.outputJson().get("input").asString()).isEqualTo("the input");
        assertThat(tool.outputJson().get("limit").asInt()).isEqualTo(3);
        assertThat(tool.outputJson().get("upstream").get("items")).hasSize(2);
        assertThat(tool.outputJson().get("upstream_status").asString()).isEqualTo("completed");
        assertThat(tool.outputJson().get("agent").asString()).isEqualTo("tool");
        assertThat(tool.outputJson().get("env_input").asString()).isEqualTo("the input");
        assertThat(tool.outputJson().get("env_params").get("limit").asInt()).isEqualTo(3);
    }

    @Test
    void non_zero_exit_fails_the_agent_with_its_stderr_tail() throws Exception {
        script(project, "broken.sh", "echo 'partial' ; echo 'something went wrong: disk full' >&2; exit 3\n");
        RunResult r = engine().run(Specs.yaml("name: s\nagents:\n  - {name: b, script: broken.sh}\n"), "x");
        assertThat(agent(r, "b").status()).isEqualTo(AgentStatus.FAILED);
        assertThat(agent(r, "b").error().code()).isEqualTo(ErrorCode.AGENT_FAILURE);
        assertThat(agent(r, "b").error().message()).isEqualTo("script exited with status 3: something went wrong: disk full");
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void timeout_kills_the_script_and_every_process_it_started() throws Exception {
        Path pids = project.resolve("pids.txt");
        script(project, "spawner.sh", """
                echo $$ >> "%s"
                sleep 300 &
                echo $! >> "%s"
                sleep 300 &
                echo $! >> "%s"
                sleep 300
                """.formatted(pids, pids, pids));
        long t0 = System.nanoTime();
        RunResult r = engine().run(Specs.yaml("name: s\nagents:\n  - {name: spawn, script: spawner.sh, timeout_seconds: 1}\n"), "x");

        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
        assertThat(agent(r, "spawn").error().code()).isEqualTo(ErrorCode.TIMEOUT);
        List<Long> started = Files.readAllLines(pids).stream().map(String::strip).map(Long::parseLong).toList();
        assertThat(started).hasSize(3);
        for (long pid : started) assertGone(pid);
    }

    @Test
    void cancel_kills_a_running_script_tree() throws Exception {
        Path pids = project.resolve("pids.txt");
        script(project, "spawner.sh", """
                sleep 300 &
                echo $! >> "%s"
                sleep 300
                """.formatted(pids));
        CountDownLatch started = new CountDownLatch(1);
        RunHandle h = engine().start(Specs.yaml("name: s\nagents:\n  - {name: spawn, script: spawner.sh}\n"), "x", e -> {
            if (e instanceof RunEvent.AgentStarted) started.countDown();
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        waitFor(() -> Files.exists(pids) && !Files.readString(pids).isBlank());
        h.cancel();
        RunResult r = h.await(Duration.ofSeconds(5)).orElseThrow();
        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertGone(Long.parseLong(Files.readString(pids).strip()));
    }

    @Test
    void background_children_end_with_the_agent_and_one_holding_stdout_does_not_delay_it() throws Exception {
        Path pids = project.resolve("pids.txt");
        script(project, "leaves.sh", """
                sleep 300 >/dev/null 2>&1 &
                echo $! >> "%1$s"
                nohup sleep 300 >/dev/null 2>&1 &
                echo $! >> "%1$s"
                setsid sleep 300 >/dev/null 2>&1 &
                echo $! >> "%1$s"
                sleep 30 &
                echo $! >> "%1$s"
                echo '{"done": true}'
                """.formatted(pids));

        RunResult r = engine().run(Specs.yaml("name: s\nagents:\n  - {name: leaves, script: leaves.sh}\n"), "x");

        AgentResult leaves = agent(r, "leaves");
        assertThat(leaves.status()).as(String.valueOf(leaves.error())).isEqualTo(AgentStatus.COMPLETED);
        assertThat(leaves.outputJson().get("done").asBoolean()).isTrue();
        // before: the reader waited for the stdout holder twice over (2 s for stdout, 2 s for stderr)
        assertThat(leaves.duration()).as("the agent did not wait for the child holding stdout")
                .isLessThan(Duration.ofMillis(3_500));
        List<Long> started = Files.readAllLines(pids).stream().map(String::strip).map(Long::parseLong).toList();
        assertThat(started).hasSize(4);
        for (long pid : started) assertThat(alive(pid)).as("process %d outlived its agent", pid).isFalse();
    }

    @Test
    void a_script_leads_its_own_session_so_a_terminal_ctrl_c_does_not_reach_it() {
        RunResult r = engine().run(Specs.yaml("""
                name: s
                agents:
                  - {name: ids, script: "echo $$ $(ps -o sid= -p $$) $(ps -o pgid= -p $$)"}
                """), "x");

        String[] ids = agent(r, "ids").output().strip().split("\\s+");
        assertThat(ids).hasSize(3);
        assertThat(ids[1]).as("session id").isEqualTo(ids[0]);
        assertThat(ids[2]).as("process group id").isEqualTo(ids[0]);
    }

    @Test
    void inline_shell_runs_with_bash() {
        RunResult r = engine().run(Specs.yaml("""
                name: s
                agents:
                  - name: inline
                    script: |
                      read -r line
                      echo "{\\"got\\": \\"$BATON_INPUT\\"}"
                """), "hello");
        assertThat(agent(r, "inline").outputJson().get("got").asString()).isEqualTo("hello");
    }

    @Test
    void success_false_in_the_output_fails_the_agent() {
        RunResult r = engine().run(Specs.yaml("""
                name: s
                agents:
                  - {name: check, script: "echo '{\\"success\\": false, \\"error\\": \\"no files\\"}'"}
                """), "x");
        assertThat(agent(r, "check").status()).isEqualTo(AgentStatus.FAILED);
        assertThat(agent(r, "check").error().message()).isEqualTo("script reported failure: no files");
    }

    @Test
    void scripts_resolve_in_baton_scripts_then_project_then_user_tier() throws Exception {
        script(project.resolve(".baton/scripts"), "which.sh", "echo baton-scripts\n");
        script(project, "which.sh", "echo project\n");
        script(project, "proj_only.sh", "echo project-only\n");
        script(userScripts, "user_only.sh", "echo user\n");
        RunResult r = engine().run(Specs.yaml("""
                name: s
                agents:
                  - {name: a, script: which.sh}
                  - {name: b, script: proj_only.sh}
                  - {name: c, script: user_only.sh}
                """), "x");
        assertThat(agent(r, "a").output()).isEqualTo("baton-scripts");
        assertThat(agent(r, "b").output()).isEqualTo("project-only");
        assertThat(agent(r, "c").output()).isEqualTo("user");
    }

    @Test
    void missing_script_is_reported_at_validation() {
        EnsembleParser.Parsed parsed = new EnsembleParser().parse("name: s\nagents:\n  - {name: a, script: nope.py}\n", null);
        List<Problem> problems = new EnsembleValidator(EnsembleValidator.Options.defaults()
                .withScripts(new ScriptResolver(project, userScripts))).validate(parsed.spec());
        assertThat(problems).singleElement().extracting(Problem::message).asString()
                .startsWith("script 'nope.py' not found in [");
    }

    @Test
    void stdout_over_the_cap_fails_the_agent() {
        EnsembleEngine small = new EnsembleEngine(EngineOptions.builder(models).projectDir(project)
                .userScriptsDir(null).maxStdoutBytes(1000).build());
        RunResult r = small.run(Specs.yaml("name: s\nagents:\n  - {name: big, script: \"head -c 5000 /dev/zero | tr '\\\\0' x\"}\n"), "x");
        assertThat(agent(r, "big").error().message()).isEqualTo("script wrote more than 1000 bytes to stdout");
    }

    private static void assertGone(long pid) throws InterruptedException {
        waitFor(() -> !alive(pid));
        assertThat(alive(pid)).as("process %d still running", pid).isFalse();
    }

    /** Alive and not a zombie (a killed child that nobody has reaped yet is dead). */
    private static boolean alive(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException gone) {
                return false;
            }
        }
        return false;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                if (check.ok()) return;
            } catch (Exception retry) {
                // not yet
            }
            Thread.sleep(20);
        }
    }
}
