package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.task.TaskDetail;
import dev.baton.task.TaskEvent;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskRequest;
import dev.baton.task.TaskState;
import dev.baton.task.TaskWorker;
import dev.baton.task.WorkerSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task queue measured end to end through {@code baton.tasks()}: (1) dispatch throughput: a
 * backlog of {@code --tasks} one-agent ensemble tasks (an instant scripted model) drained by one
 * worker of {@code --threads} threads, tasks per second from worker start to the last success;
 * (2) submit-to-start latency of a task due now on an idle worker whose poll interval is 30 s (so
 * only immediate execution, or on PostgreSQL a LISTEN/NOTIFY from another replica, can start it):
 * {@code --samples} tasks one at a time, submitted on the worker's replica and, on PostgreSQL, on a
 * second replica without a worker. Store: the default SQLite, or {@code --url} (PostgreSQL).
 *
 * <pre>java -cp baton-bench/target/benchmarks.jar dev.baton.bench.TaskQueueHarness [--url jdbc:postgresql://...
 * --user U --password P] [--tasks 2000] [--threads 16] [--samples 50]</pre>
 */
public final class TaskQueueHarness {

    private TaskQueueHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int tasks = Integer.parseInt(opts.getOrDefault("tasks", "2000"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "16"));
        int samples = Integer.parseInt(opts.getOrDefault("samples", "50"));
        String url = opts.get("url");

        Path root = Files.createTempDirectory("baton-bench-tasks-");
        Path work = Files.createDirectories(root.resolve("work/.baton/ensembles")).getParent().getParent();
        String store = url == null ? "" : "store: {kind: postgres, url: \"" + url + "\", user: " + opts.getOrDefault("user", "postgres")
                + ", password: \"" + opts.getOrDefault("password", "") + "\", pool_size: " + (threads + 8) + "}\n";
        Files.writeString(work.resolve(".baton/config.yaml"), """
                providers:
                  instant: {kind: scripted, options: {script: {fallback: {text: "ok", usage: {input_tokens: 5, output_tokens: 1}}}}}
                profiles:
                  instant: {provider: instant, model: instant-1}
                """ + store);
        Files.writeString(work.resolve(".baton/ensembles/noop.yaml"), "name: noop\nagents:\n  - {name: only, model_profile: instant}\n");
        Map<String, String> env = Map.of("HOME", root.resolve("home").toString(),
                "BATON_CONFIG_HOME", root.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", root.resolve("home/.local/share/baton").toString());

        try (Baton baton = Baton.builder(BatonPaths.discover(work, env), env).build();
             Baton other = Baton.builder(BatonPaths.discover(work, env), env).build()) {
            System.out.println("store: " + baton.store().describe() + "; tasks " + tasks + ", worker threads " + threads
                    + ", cores " + Runtime.getRuntime().availableProcessors());
            throughput(baton, tasks, threads);
            latency(baton, baton, samples, "same replica");
            if (url != null) latency(baton, other, samples, "another replica (LISTEN/NOTIFY)");
        }
    }

    private static void throughput(Baton baton, int tasks, int threads) throws InterruptedException {
        List<String> ids = new ArrayList<>(tasks);
        long s0 = System.nanoTime();
        for (int i = 0; i < tasks; i++) ids.add(baton.tasks().submit(TaskRequest.ensemble("noop", "t" + i)).id());
        double submitSeconds = (System.nanoTime() - s0) / 1e9;
        System.out.printf("submit: %d tasks in %.2f s = %.0f submits/s%n", tasks, submitSeconds, tasks / submitSeconds);
        long t0 = System.nanoTime();
        try (TaskWorker w = baton.tasks().startWorker(WorkerSettings.defaults().withThreads(threads)
                .withPollInterval(Duration.ofMillis(100)).withReplica("bench"))) {
            while (baton.tasks().list(TaskState.SUCCEEDED, tasks).size() < tasks) Thread.sleep(20);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("dispatch: %d tasks run in %.2f s = %.0f tasks/s (each a one-agent ensemble run with artifacts)%n",
                    tasks, seconds, tasks / seconds);
        }
    }

    private static void latency(Baton workerSide, Baton submitter, int samples, String label) throws InterruptedException {
        List<Long> ms = new ArrayList<>();
        try (TaskWorker w = workerSide.tasks().startWorker(WorkerSettings.defaults().withThreads(4)
                .withPollInterval(Duration.ofSeconds(30)).withReplica("bench-idle"))) {
            Thread.sleep(1000);
            for (int i = 0; i < samples + 5; i++) {
                Instant before = Instant.now();
                TaskInfo t = submitter.tasks().submit(TaskRequest.ensemble("noop", "latency " + i));
                Instant started = null;
                while (started == null) {
                    Optional<TaskDetail> d = submitter.tasks().show(t.id());
                    started = d.flatMap(x -> x.history().stream().filter(e -> e.state() == TaskState.RUNNING)
                            .map(TaskEvent::at).findFirst()).orElse(null);
                    if (started == null) Thread.sleep(2);
                }
                while (submitter.tasks().show(t.id()).orElseThrow().task().state() != TaskState.SUCCEEDED) Thread.sleep(2);
                if (i >= 5) ms.add(Duration.between(before, started).toMillis());
                Thread.sleep(200); // idle again
            }
        }
        ms.sort(Long::compare);
        System.out.printf("submit-to-start, %s, idle worker (poll 30 s): median %d ms, p90 %d ms, max %d ms (%d samples, ms clock)%n",
                label, ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.9)), ms.getLast(), ms.size());
    }
}
