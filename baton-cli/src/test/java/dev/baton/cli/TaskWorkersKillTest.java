package dev.baton.cli;

import com.sun.net.httpserver.HttpServer;
import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.task.TaskDetail;
import dev.baton.task.TaskEvent;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskRequest;
import dev.baton.task.TaskState;
import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code baton worker} processes on one real PostgreSQL run tasks whose ensembles call a
 * loopback OpenAI-compatible upstream that answers slowly and counts the calls each agent makes
 * for each task. One worker is killed with SIGKILL while it runs a task whose first agent has
 * completed: every task still finishes on the other two, the completed agents are not called
 * again (counted at the upstream), and the task history shows the hand-over.
 */
class TaskWorkersKillTest {

    private static final Pattern TAG = Pattern.compile("TAG-\\d+");
    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]+)\"");
    private static final int TASKS = 6;

    @TempDir
    Path tmp;

    /** Calls per "model TAG-n": one model per agent, one tag per task. */
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Process> workers = new ArrayList<>();
    private final Map<String, List<String>> logs = new HashMap<>();
    private HttpServer upstream;

    @AfterEach
    void stop() {
        workers.forEach(Process::destroyForcibly);
        if (upstream != null) upstream.stop(0);
    }

    private void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher tag = TAG.matcher(body);
            Matcher model = MODEL.matcher(body);
            String t = tag.find() ? tag.group() : "TAG-none";
            String m = model.find() ? model.group(1) : "unknown";
            calls.computeIfAbsent(m + " " + t, k -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String text = "done " + t + " by " + m;
            boolean stream = body.replace(" ", "").contains("\"stream\":true");
            String usage = "{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}";
            String out = stream
                    ? "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"" + m
                    + "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + text
                    + "\"},\"finish_reason\":null}]}\n\n"
                    + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"" + m
                    + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}\n\n"
                    + "data: [DONE]\n\n"
                    : "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"" + m
                    + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text
                    + "\"},\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}";
            byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        upstream.start();
    }

    private Path project(PostgresServer.Database db) throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve(".baton/ensembles"));
        Files.writeString(project.resolve(".baton/config.yaml"), """
                providers:
                  up: {kind: openai, base_url: "http://127.0.0.1:%d/v1", api_key: test-key}
                profiles:
                  p1: {provider: up, model: m1, timeout_seconds: 60}
                  p2: {provider: up, model: m2, timeout_seconds: 60}
                  p3: {provider: up, model: m3, timeout_seconds: 60}
                store: {kind: postgres, url: "%s", user: %s, password: %s, pool_size: 6}
                """.formatted(upstream.getAddress().getPort(), db.jdbcUrl(), db.user(), db.password()));
        Files.writeString(project.resolve(".baton/ensembles/pipeline.yaml"), """
                name: pipeline
                agents:
                  - {name: a1, model_profile: p1}
                  - {name: a2, model_profile: p2, depends_on: [a1]}
                  - {name: a3, model_profile: p3, depends_on: [a2]}
                """);
        return project;
    }

    private Map<String, String> env() {
        return Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString());
    }

    private Process worker(Path project, String replica) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "worker", "--replica", replica, "--worker-threads", "2", "--heartbeat", "500ms", "--poll-interval", "500ms")
                .directory(project.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env());
        Process p = pb.start();
        List<String> log = new CopyOnWriteArrayList<>();
        logs.put(replica, log);
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) log.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        workers.add(p);
        return p;
    }

    private static void await(long seconds, String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void a_killed_worker_hands_its_tasks_over_and_completed_agents_are_not_run_again() throws Exception {
        startUpstream();
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        Path project = project(db);
        Map<String, String> env = new HashMap<>(env());
        try (Baton client = Baton.builder(BatonPaths.discover(project, env), env).build()) {
            client.tasks().list(null, 1); // migrates the store before three processes race to do it
            Map<String, Process> byReplica = new HashMap<>();
            for (String r : List.of("w1", "w2", "w3")) byReplica.put(r, worker(project, r));
            for (String r : byReplica.keySet()) {
                await(120, "worker " + r + " to start: " + logs.get(r), () -> logs.get(r).stream().anyMatch(l -> l.contains("running tasks")));
            }

            List<TaskInfo> tasks = new ArrayList<>();
            for (int i = 1; i <= TASKS; i++) tasks.add(client.tasks().submit(TaskRequest.ensemble("pipeline", "work on TAG-" + i)));

            // the victim: a worker with a task whose first agent has completed and whose second is running
            String[] victim = new String[2];
            await(60, "a task with a completed first agent on a worker", () -> {
                for (TaskInfo t : tasks) {
                    Optional<TaskDetail> d = client.tasks().show(t.id());
                    if (d.isPresent() && d.get().task().state() == TaskState.RUNNING && d.get().checkpointedAgents().equals(List.of("a1"))) {
                        victim[0] = d.get().task().replica();
                        victim[1] = t.id();
                        return true;
                    }
                }
                return false;
            });
            Process killed = byReplica.get(victim[0]);
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

            await(180, "every task to succeed", () -> tasks.stream().allMatch(t ->
                    client.tasks().show(t.id()).orElseThrow().task().state() == TaskState.SUCCEEDED));

            TaskDetail handed = client.tasks().show(victim[1]).orElseThrow();
            int tag = tasks.indexOf(tasks.stream().filter(t -> t.id().equals(victim[1])).findFirst().orElseThrow()) + 1;
            assertThat(calls.get("m1 TAG-" + tag).get()).as("the checkpointed first agent is not called again").isEqualTo(1);
            assertThat(handed.history()).anySatisfy(e -> {
                assertThat(e.replica()).isEqualTo(victim[0]);
                assertThat(e.detail()).contains("worker " + victim[0] + " lost");
            });
            TaskEvent resumed = handed.history().stream().filter(e -> e.state() == TaskState.RUNNING
                    && e.detail() != null && e.detail().startsWith("resumed")).findFirst().orElseThrow();
            assertThat(resumed.replica()).isNotEqualTo(victim[0]).isIn("w1", "w2", "w3");
            assertThat(resumed.detail()).contains("replica " + victim[0]).contains("a1");
            assertThat(handed.task().replica()).isNotEqualTo(victim[0]);

            for (int i = 1; i <= TASKS; i++) {
                for (String m : List.of("m1", "m2", "m3")) {
                    AtomicInteger n = calls.get(m + " TAG-" + i);
                    assertThat(n).as(m + " of task " + i + " was called").isNotNull();
                    // an agent in flight on the killed worker runs again; none runs more than twice, none is skipped
                    assertThat(n.get()).as(m + " TAG-" + i).isBetween(1, 2);
                }
            }
            // a task that never ran on the killed worker called each agent exactly once
            for (int i = 1; i <= TASKS; i++) {
                TaskDetail d = client.tasks().show(tasks.get(i - 1).id()).orElseThrow();
                boolean touched = d.history().stream().anyMatch(e -> victim[0].equals(e.replica()));
                if (touched) continue;
                for (String m : List.of("m1", "m2", "m3")) assertThat(calls.get(m + " TAG-" + i).get()).as(m + " TAG-" + i).isEqualTo(1);
            }
        }
    }
}
