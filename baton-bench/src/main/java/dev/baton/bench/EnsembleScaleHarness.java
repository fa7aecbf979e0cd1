package dev.baton.bench;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * End-to-end scale check of the ensemble engine: 998 parallel reviewers, a synthesizer depending
 * on all of them and an editor, every model call answered by the scripted provider after a fixed
 * latency (100 ms by default), through the whole call pipeline with the SQLite usage ledger
 * (or, with {@code --direct}, straight to the scripted model). The critical path is three model
 * calls; everything above it is the engine's and pipeline's own cost on this machine.
 * <p>
 * Runs in one JVM, in phases: {@code --warmup} runs (the first one cold) to let the JIT settle,
 * then {@code --runs} measured runs timed with nothing else measuring (no heap sampler, no forced
 * collections: on two cores either takes CPU the run needs), whose median is compared with the
 * critical path; then {@code --heap-runs} runs with the heap sampled every millisecond (peak incl.
 * garbage) and one live-set probe (a forced full GC with every reviewer waiting on its model);
 * then a sample run one agent at a time for the ratio against sequential execution.
 * <p>
 * {@code java -cp baton-bench/target/benchmarks.jar dev.baton.bench.EnsembleScaleHarness
 * [--warmup 20] [--runs 20] [--heap-runs 3] [--reviewers 998] [--latency-ms 100]
 * [--sequential-sample 50] [--direct]}
 * <p>
 * Prints figures; asserts nothing about time. Exits 1 if a run does not complete cleanly.
 */
public final class EnsembleScaleHarness {

    private static final String INPUT = "Review the change in src/main/java for correctness, style and tests.";

    private final ScaleOptions options;
    private final ScaleSetup setup;
    private final HeapMeter heap = new HeapMeter();

    private EnsembleScaleHarness(ScaleOptions options, ScaleSetup setup) {
        this.options = options;
        this.setup = setup;
    }

    public static void main(String[] args) throws Exception {
        ScaleOptions options = ScaleOptions.parse(args);
        Path dir = Files.createTempDirectory("baton-bench-scale-");
        try (ScaleSetup setup = new ScaleSetup(options, dir)) {
            System.exit(new EnsembleScaleHarness(options, setup).run());
        }
    }

    private int run() throws Exception {
        printEnvironment();
        EnsembleSpec spec = ScaleEnsembles.fanIn(options.reviewers());
        List<Problem> problems = new EnsembleValidator(EnsembleValidator.Options.defaults()
                .withModels(setup.models())).validate(spec);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.out.println("invalid spec: " + p));
            return 2;
        }
        double critical = 3.0 * options.latencyMs();
        System.out.printf(Locale.ROOT, "%d agents (%d reviewers -> synthesizer -> editor), %d ms per call, "
                + "critical path %.0f ms, target <= %.0f ms (1.05x)%n%n", spec.agents().size(), options.reviewers(),
                options.latencyMs(), critical, critical * 1.05);
        List<Double> warmups = new ArrayList<>();
        for (int i = 0; i < options.warmup(); i++) {
            Double wall = timedRun(spec, "warm-up " + (i + 1) + (i == 0 ? " (cold)" : ""), critical);
            if (wall == null) return 1;
            warmups.add(wall);
        }
        List<Double> walls = new ArrayList<>();
        for (int i = 0; i < options.runs(); i++) {
            Double wall = timedRun(spec, "run " + (i + 1), critical);
            if (wall == null) return 1;
            walls.add(wall);
        }
        List<Double> peaks = new ArrayList<>();
        for (int i = 0; i < options.heapRuns(); i++) {
            Double peak = peakRun(spec);
            if (peak == null) return 1;
            peaks.add(peak);
        }
        double live = liveSetPerAgent(spec);
        double sequentialPerAgent = sequentialSample();
        summary(critical, warmups, walls, peaks, live, sequentialPerAgent);
        return 0;
    }

    /**
     * One run timed with nothing else measuring: no heap sampler thread and no forced collection
     * (both take CPU from the two cores the run needs). Returns the wall time, or null if the run
     * did not complete cleanly.
     */
    private Double timedRun(EnsembleSpec spec, String label, double critical) {
        setup.resetModels();
        RunTimeline t = new RunTimeline();
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        RunResult result = setup.engine().run(spec, INPUT, t);
        long end = System.nanoTime();
        long cpu = processCpuNanos() - cpu0;
        if (!clean(result, spec)) return null;
        double wall = RunTimeline.ms(start, end);
        System.out.printf(Locale.ROOT, "%s: wall %.1f ms = %.3fx critical path (+%.1f ms) | last reviewer "
                        + "started %.1f, last reviewer done %.1f, synthesizer %.1f-%.1f, editor %.1f-%.1f, "
                        + "run done %.1f ms | process CPU %.0f ms%n",
                label, wall, wall / critical, wall - critical,
                t.sinceStart(t.lastReviewerStarted), t.sinceStart(t.lastReviewerFinished),
                t.sinceStart(t.synthesizerStarted), t.sinceStart(t.synthesizerFinished),
                t.sinceStart(t.editorStarted), t.sinceStart(t.editorFinished), t.sinceStart(t.runCompleted),
                cpu / 1e6);
        return wall;
    }

    /** One run with the heap sampled every millisecond; returns the peak above the live baseline per reviewer. */
    private Double peakRun(EnsembleSpec spec) throws InterruptedException {
        setup.resetModels();
        long baseline = heap.liveAfterGc();
        HeapMeter.Sampler sampler = heap.samplePeak();
        RunResult result = setup.engine().run(spec, INPUT);
        long peak = sampler.stop();
        if (!clean(result, spec)) return null;
        double perAgent = (peak - baseline) / (double) options.reviewers();
        System.out.printf(Locale.ROOT, "heap run: peak %.1f MB above the live baseline = %.1f KB/agent%n",
                (peak - baseline) / 1048576.0, perAgent / 1024);
        return perAgent;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /**
     * The live heap with every reviewer waiting on its model: a full GC is forced the moment the
     * last reviewer's call enters the model, compared with the live heap before the run.
     */
    private double liveSetPerAgent(EnsembleSpec spec) throws InterruptedException {
        setup.resetModels();
        long baseline = heap.liveAfterGc();
        CountDownLatch allWaiting = setup.models().arm(options.reviewers());
        RunHandle handle = setup.engine().start(spec, INPUT);
        boolean reached = allWaiting.await(30, TimeUnit.SECONDS);
        int inFlight = setup.models().inFlight();
        int finishedBefore = setup.models().finished();
        System.gc();
        long live = heap.used();
        int finishedAfter = setup.models().finished();
        setup.models().disarm();
        RunResult result = handle.await();
        clean(result, spec);
        double perAgent = (live - baseline) / (double) options.reviewers();
        System.out.printf(Locale.ROOT, "%nlive-set probe: %s; %d calls in flight when the GC was requested, %d had "
                        + "finished before it, %d by its end; live heap %.1f MB above the %.1f MB baseline = "
                        + "%.1f KB per in-flight agent%n", reached ? "all reviewers waiting" : "NOT all reviewers reached",
                inFlight, finishedBefore, finishedAfter, (live - baseline) / 1048576.0, baseline / 1048576.0,
                perAgent / 1024);
        return perAgent;
    }

    /** Runs a sample of independent reviewers one at a time; returns the milliseconds per agent. */
    private double sequentialSample() {
        EnsembleSpec spec = ScaleEnsembles.sequential(options.sequentialSample());
        setup.resetModels();
        long start = System.nanoTime();
        RunResult result = setup.engine().run(spec, INPUT);
        double wall = RunTimeline.ms(start, System.nanoTime());
        clean(result, spec);
        double perAgent = wall / options.sequentialSample();
        System.out.printf(Locale.ROOT, "sequential sample: %d agents with max_concurrency 1 took %.1f ms = %.2f ms "
                + "per agent%n", options.sequentialSample(), wall, perAgent);
        return perAgent;
    }

    private void summary(double critical, List<Double> warmups, List<Double> walls, List<Double> peaks,
                         double live, double seqPerAgent) {
        int agents = options.reviewers() + 2;
        double median = median(walls);
        double analytic = agents * (double) options.latencyMs();
        double measured = agents * seqPerAgent;
        System.out.printf(Locale.ROOT, "%n== summary (%s) ==%n", options.direct() ? "direct: engine -> scripted model"
                : "engine -> pipeline (SQLite ledger) -> scripted model");
        if (!warmups.isEmpty()) {
            System.out.printf(Locale.ROOT, "cold first run: %.1f ms (%.3fx critical path); warm-up runs: %s ms%n",
                    warmups.getFirst(), warmups.getFirst() / critical, join(warmups));
        }
        System.out.printf(Locale.ROOT, "median of %d measured runs: %.1f ms = %.3fx critical path (min %.1f, max %.1f);"
                        + " in-process overhead %.1f ms; target <= %.0f ms: %s%n", walls.size(), median,
                median / critical, min(walls), max(walls), median - critical, critical * 1.05,
                median <= critical * 1.05 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "heap per in-flight agent: %.1f KB live (forced GC at peak); sampled peak "
                + "incl. garbage, median of %d heap runs %.1f KB%n", live / 1024, peaks.size(), median(peaks) / 1024);
        System.out.printf(Locale.ROOT, "one after another: %.1f s as the sum of latencies (%d x %d ms) -> %.0fx the "
                        + "parallel run; %.1f s extrapolated from the measured sample (%.2f ms x %d) -> %.0fx%n",
                analytic / 1000, agents, options.latencyMs(), analytic / median, measured / 1000, seqPerAgent,
                agents, measured / median);
        System.out.println("measured runs: " + join(walls) + " ms");
    }

    private static String join(List<Double> values) {
        return values.stream().map(w -> String.format(Locale.ROOT, "%.1f", w)).collect(Collectors.joining(", "));
    }

    /** Whether every agent completed; prints what went wrong otherwise. */
    private static boolean clean(RunResult result, EnsembleSpec spec) {
        List<AgentResult> bad = result.agents().stream().filter(a -> a.status() != AgentStatus.COMPLETED).toList();
        if (result.status() == RunStatus.COMPLETED && bad.isEmpty() && result.agents().size() == spec.agents().size()) {
            return true;
        }
        System.out.println("run " + spec.name() + " ended " + result.status().wire() + "; first problems: "
                + bad.stream().limit(3).map(a -> a.name() + " " + a.status() + " " + a.error()).toList());
        return false;
    }

    private void printEnvironment() {
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        System.out.printf(Locale.ROOT, "Java %s, %d cores, max heap %d MB, GC %s, load average %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576, gcs, loadAverage());
        System.out.println("mode: " + (options.direct() ? "direct (no pipeline)" : "pipeline with SQLite ledger")
                + ", warm-up runs: " + options.warmup() + ", measured runs: " + options.runs()
                + ", heap runs: " + options.heapRuns());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
        }
    }

    private static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        if (s.isEmpty()) return Double.NaN;
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().min(Double::compare).orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().max(Double::compare).orElse(Double.NaN);
    }

    /** Command-line options. */
    record ScaleOptions(int warmup, int runs, int heapRuns, int reviewers, long latencyMs, int sequentialSample,
                        boolean direct) {

        static ScaleOptions parse(String[] args) {
            int warmup = 20;
            int runs = 20;
            int heapRuns = 3;
            int reviewers = 998;
            long latency = 100;
            int sample = 50;
            boolean direct = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--heap-runs" -> heapRuns = Integer.parseInt(args[++i]);
                    case "--reviewers" -> reviewers = Integer.parseInt(args[++i]);
                    case "--latency-ms" -> latency = Long.parseLong(args[++i]);
                    case "--sequential-sample" -> sample = Integer.parseInt(args[++i]);
                    case "--direct" -> direct = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --warmup N, "
                            + "--runs N, --heap-runs N, --reviewers N, --latency-ms N, --sequential-sample N, --direct)");
                }
            }
            if (warmup < 0 || runs < 1 || heapRuns < 1 || reviewers < 1 || latency < 0 || sample < 1) {
                throw new IllegalArgumentException("need --warmup >= 0, --runs >= 1, --heap-runs >= 1, "
                        + "--reviewers >= 1, --latency-ms >= 0, --sequential-sample >= 1");
            }
            return new ScaleOptions(warmup, runs, heapRuns, reviewers, latency, sample, direct);
        }
    }
}
