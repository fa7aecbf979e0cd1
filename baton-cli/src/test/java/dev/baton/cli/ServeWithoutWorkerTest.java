package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.task.TaskDetail;
import dev.baton.task.TaskState;
import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import java.io.IOException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API-only replica: a real {@code baton serve} on PostgreSQL without a worker (by
 * {@code --no-worker} or by {@code worker: {enabled: false}}) accepts a task over
 * {@code /api/v1/tasks} and leaves it queued; a {@code baton worker} process on the same database
 * then runs it, and the task's history names that worker's replica.
 */
class ServeWithoutWorkerTest {

    private static final Pattern URL = Pattern.compile("baton: serving (http://\\S+?)[;\\s]");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path tmp;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void givenServeWithNoWorkerFlag_whenATaskIsSubmitted_thenItWaitsUntilAWorkerProcessRunsIt() throws Exception {
        Path project = project("");
        servedThenWorked(project, "serve", "--no-auth", "--port", "0", "--no-mcp", "--no-worker", "--replica", "api");
    }

    @Test
    void givenWorkerDisabledInConfig_whenATaskIsSubmitted_thenServeRunsNoWorkerEither() throws Exception {
        Path project = project("worker: {enabled: false, threads: 2}\n");
        servedThenWorked(project, "serve", "--no-auth", "--port", "0", "--no-mcp", "--replica", "api");
    }

    private void servedThenWorked(Path project, String... serve) throws Exception {
        Map<String, String> env = env();
        try (Baton client = Baton.builder(BatonPaths.discover(project, env), env).build()) {
            client.tasks().list(null, 1); // the store is migrated before the processes start
            List<String> serveLog = new CopyOnWriteArrayList<>();
            start(project, serveLog, serve);
            await(120, "serve to start: " + serveLog, () -> serveLog.stream().anyMatch(l -> URL.matcher(l).find()));
            String line = serveLog.stream().filter(l -> URL.matcher(l).find()).findFirst().orElseThrow();
            assertThat(line).contains("no task worker");
            Matcher url = URL.matcher(line);
            assertThat(url.find()).isTrue();

            HttpResponse<String> submitted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1) + "/api/v1/tasks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"target\": \"echo\", \"input\": \"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
            Matcher id = ID.matcher(submitted.body());
            assertThat(id.find()).isTrue();
            String taskId = id.group(1);

            // a worker would start a task due now within milliseconds; three seconds show none is there
            Thread.sleep(3000);
            assertThat(client.tasks().show(taskId).orElseThrow().task().state()).as("nobody runs it").isEqualTo(TaskState.QUEUED);

            List<String> workerLog = new CopyOnWriteArrayList<>();
            start(project, workerLog, "worker", "--replica", "w1", "--poll-interval", "500ms");
            await(120, "the worker to run the task: " + workerLog,
                    () -> client.tasks().show(taskId).orElseThrow().task().state() == TaskState.SUCCEEDED);
            TaskDetail detail = client.tasks().show(taskId).orElseThrow();
            assertThat(detail.history()).filteredOn(e -> e.state() == TaskState.RUNNING)
                    .extracting(e -> e.replica()).containsExactly("w1");
            assertThat(detail.history()).noneSatisfy(e -> assertThat(e.replica()).isEqualTo("api"));
        }
    }

    private Path project(String extraConfig) throws IOException {
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve(".baton/ensembles"));
        Files.writeString(project.resolve(".baton/config.yaml"), """
                store: {kind: postgres, url: "%s", user: %s, password: %s, pool_size: 8}
                """.formatted(db.jdbcUrl(), db.user(), db.password()) + extraConfig);
        Files.writeString(project.resolve(".baton/ensembles/echo.yaml"), """
                name: echo
                agents:
                  - name: shout
                    script: printf '%s!' "$BATON_INPUT"
                """);
        return project;
    }

    private Map<String, String> env() {
        return Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString());
    }

    private void start(Path project, List<String> log, String... args) throws IOException {
        processes.add(ServeProcesses.start(project, tmp.resolve("home"), Map.of(), log, args).process());
    }

    private static void await(long seconds, String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            Thread.sleep(100);
        }
    }
}
