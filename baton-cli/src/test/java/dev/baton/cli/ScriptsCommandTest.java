package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptsCommandTest {

    @TempDir
    Path tmp;

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void list_shows_project_scripts_then_user_scripts_with_interpreter_and_shadowing() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Path project = cli.workDir().resolve(".baton/scripts");
        Path user = tmp.resolve("home/.config/baton/scripts");
        write(project.resolve("clean.sh"), "#!/bin/bash\n# Cleans the input\ncat\n");
        write(project.resolve("tools/count.py"), "\"\"\"Counts words.\"\"\"\n");
        write(project.resolve("README.md"), "not a script");
        write(user.resolve("clean.sh"), "# user version\n");
        write(user.resolve("notes.txt"), "no extension, not executable");

        var text = cli.run("scripts", "list");
        JsonNode json = Json.MAPPER.readTree(cli.run("scripts", "list", "-o", "json").out());

        assertThat(text.exit()).isZero();
        assertThat(json.size()).isEqualTo(4);
        assertThat(json.get(0).path("name").asString()).isEqualTo("clean.sh");
        assertThat(json.get(0).path("tier").asString()).isEqualTo("project");
        assertThat(json.get(0).path("interpreter").asString()).isEqualTo("bash");
        assertThat(json.get(0).path("description").asString()).isEqualTo("Cleans the input");
        assertThat(json.get(1).path("name").asString()).isEqualTo("tools/count.py");
        assertThat(json.get(1).path("description").asString()).isEqualTo("Counts words.");
        assertThat(json.get(2).path("tier").asString()).isEqualTo("user");
        assertThat(json.get(2).path("shadowed").asBoolean()).isTrue();
        assertThat(json.get(3).path("interpreter").isNull()).isTrue();
        assertThat(text.out()).contains("user (shadowed)").contains("not runnable").doesNotContain("README");
    }

    @Test
    void show_finds_a_script_without_its_extension_and_prints_it() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        write(cli.workDir().resolve(".baton/scripts/hello.py"), "print('hi')\n");

        var r = cli.run("scripts", "show", "hello");
        var json = Json.MAPPER.readTree(cli.run("scripts", "show", "hello.py", "-o", "json").out());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("print('hi')\n");
        assertThat(r.err()).contains("hello.py (project, python3)");
        assertThat(json.path("content").asString()).isEqualTo("print('hi')\n");
        assertThat(cli.run("scripts", "show", "nope").exit()).isEqualTo(2);
    }

    @Test
    void test_sends_the_protocol_json_and_environment() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        write(cli.workDir().resolve(".baton/scripts/echo.py"), """
                import json, os, sys
                data = json.load(sys.stdin)
                print(json.dumps({"input": data["input"], "parameters": data["parameters"],
                                  "dependencies": data["dependencies"], "agent": data["context"]["agent"],
                                  "cwd": os.getcwd(), "env_input": os.environ["BATON_INPUT"],
                                  "env_parameters": json.loads(os.environ["BATON_PARAMETERS"])}))
                print("a warning", file=sys.stderr)
                """);

        var r = cli.run("scripts", "test", "echo", "--parameters", "{\"n\": 2}", "--input", "hello",
                "--dependencies", "{\"up\": [1, 2]}");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode out = Json.MAPPER.readTree(r.out());
        assertThat(r.out()).contains("\n  \"input\" : \"hello\"");
        assertThat(out.path("parameters").path("n").asInt()).isEqualTo(2);
        assertThat(out.path("dependencies").path("up").path("response").toString()).isEqualTo("[1,2]");
        assertThat(out.path("dependencies").path("up").path("status").asString()).isEqualTo("completed");
        assertThat(out.path("agent").asString()).isEqualTo("echo.py");
        assertThat(Path.of(out.path("cwd").asString()).toRealPath()).isEqualTo(cli.workDir().toRealPath());
        assertThat(out.path("env_input").asString()).isEqualTo("hello");
        assertThat(out.path("env_parameters").path("n").asInt()).isEqualTo(2);
        assertThat(r.err()).contains("ok: exit 0").contains("stderr (last 1 line):").contains("  a warning");
    }

    @Test
    void test_is_exit_1_when_the_script_fails_or_reports_failure() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        write(cli.workDir().resolve(".baton/scripts/boom.sh"), "echo 'bad things' >&2\nexit 3\n");
        write(cli.workDir().resolve(".baton/scripts/soft.py"),
                "import json\nprint(json.dumps({'success': False, 'error': 'no data'}))\n");

        var boom = cli.run("scripts", "test", "boom");
        var soft = cli.run("scripts", "test", "soft", "-o", "json");

        assertThat(boom.exit()).isEqualTo(1);
        assertThat(boom.err()).contains("failed: exited with status 3").contains("bad things");
        assertThat(soft.exit()).isEqualTo(1);
        JsonNode d = Json.MAPPER.readTree(soft.out());
        assertThat(d.path("ok").asBoolean()).isFalse();
        assertThat(d.path("exit_code").asInt()).isZero();
        assertThat(d.path("error").asString()).contains("no data");
    }

    @Test
    void test_kills_a_script_that_overruns_its_timeout() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        write(cli.workDir().resolve(".baton/scripts/slow.sh"), "sleep 30 & wait\n");
        long start = System.nanoTime();

        var r = cli.run("scripts", "test", "slow", "--timeout", "0.5");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("timed out");
    }

    @Test
    void bad_parameters_and_unknown_scripts_are_usage_errors() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        write(cli.workDir().resolve(".baton/scripts/ok.py"), "print('ok')\n");

        var notJson = cli.run("scripts", "test", "ok", "--parameters", "{oops");
        var notObject = cli.run("scripts", "test", "ok", "--parameters", "[1]");
        var unknown = cli.run("scripts", "test", "replicate");

        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err()).contains("--parameters is not valid JSON");
        assertThat(notObject.exit()).isEqualTo(2);
        assertThat(notObject.err()).contains("--parameters must be a JSON object");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no script named 'replicate'").contains("baton library copy replicate");
    }
}
