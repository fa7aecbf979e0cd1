package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton tasks submit|list|show|cancel|retry} and {@code baton worker}, in-process on the default SQLite store. */
class TasksCommandTest {

    @TempDir
    Path tmp;

    private CliHarness project() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Files.createDirectories(cli.workDir().resolve(".baton/ensembles"));
        Files.writeString(cli.workDir().resolve(".baton/ensembles/hello.yaml"), """
                name: hello
                agents:
                  - {name: greet, script: printf hello}
                """);
        return cli;
    }

    @Test
    void a_task_is_submitted_listed_shown_cancelled_and_retried_in_text_and_json() throws Exception {
        CliHarness cli = project();

        var submitted = cli.run("tasks", "submit", "hello", "--input", "x", "--at", "10m", "--priority", "5", "-o", "json");
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        JsonNode task = Json.MAPPER.readTree(submitted.out());
        String id = task.path("id").asString();
        assertThat(task.path("state").asString()).isEqualTo("queued");
        assertThat(task.path("kind").asString()).isEqualTo("ensemble");
        assertThat(task.path("target").asString()).isEqualTo("hello");
        assertThat(task.path("priority").asInt()).isEqualTo(5);

        var list = cli.run("tasks", "list", "-o", "json");
        assertThat(Json.MAPPER.readTree(list.out()).path(0).path("id").asString()).isEqualTo(id);
        assertThat(cli.run("tasks", "list").out()).contains(id).contains("queued");

        var show = cli.run("tasks", "show", id);
        assertThat(show.out()).contains("ensemble hello").contains("submitted, due");

        var cancelled = cli.run("tasks", "cancel", id);
        assertThat(cancelled.exit()).isZero();
        assertThat(cancelled.out()).contains(id + " cancelled");

        var retried = cli.run("tasks", "retry", id, "-o", "json");
        assertThat(Json.MAPPER.readTree(retried.out()).path("state").asString()).isEqualTo("queued");
        JsonNode detail = Json.MAPPER.readTree(cli.run("tasks", "show", id, "-o", "json").out());
        assertThat(detail.path("history")).extracting(h -> h.path("state").asString())
                .containsExactly("queued", "cancelled", "queued");
    }

    @Test
    void bad_arguments_are_usage_errors_naming_the_argument() throws Exception {
        CliHarness cli = project();

        assertThat(cli.run("tasks", "submit", "nope")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("nope");
        });
        assertThat(cli.run("tasks", "submit", "hello", "--at", "soonish").err()).contains("--at:");
        assertThat(cli.run("tasks", "submit", "hello", "--cron", "hourly")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--cron:").contains("six-field");
        });
        assertThat(cli.run("tasks", "submit", "--kind", "coordinator")).satisfies(r -> assertThat(r.exit()).isEqualTo(ExitCodes.USAGE));
        assertThat(cli.run("tasks", "show", "missing")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("no task 'missing'");
        });
        assertThat(cli.run("tasks", "list", "--state", "sleeping").err()).contains("--state:");
        assertThat(cli.run("worker", "--worker-threads", "0").err()).contains("--worker-threads:");
    }

    @Test
    void a_worker_runs_a_due_task_and_stops_cleanly_when_interrupted() throws Exception {
        CliHarness cli = project();
        String id = cli.run("tasks", "submit", "hello", "--input", "now").out().strip();

        AtomicReference<CliHarness.Result> result = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> result.set(cli.run("worker", "--replica", "cli-worker")));
        long end = System.nanoTime() + 60_000_000_000L;
        JsonNode detail;
        do {
            Thread.sleep(100);
            detail = Json.MAPPER.readTree(cli.run("tasks", "show", id, "-o", "json").out());
        } while (!detail.path("state").asString().equals("succeeded") && System.nanoTime() < end);
        assertThat(detail.path("state").asString()).isEqualTo("succeeded");
        assertThat(detail.path("replica").asString()).isEqualTo("cli-worker");
        assertThat(detail.path("result").path("agents").path("greet").path("output").asString()).contains("hello");

        worker.interrupt();
        worker.join(30_000);
        assertThat(worker.isAlive()).isFalse();
        assertThat(result.get().exit()).isZero();
        assertThat(result.get().err()).contains("worker cli-worker running tasks").contains("worker stopping");
    }
}
