package dev.baton.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;

/**
 * Whole-process speed of {@code baton invoke}, as a user sees it: starts an OpenAI-compatible
 * upstream on loopback that answers after {@code --latency-ms}, writes a scratch project whose
 * profile points at it and whose ensemble is {@code --agents} parallel reviewers → synthesizer →
 * editor (critical path: three calls), then runs {@code bin/baton invoke fan-in -o json} as a
 * subprocess {@code --runs} times (after {@code --warmup} unmeasured runs, which also let the
 * launcher build the jar and train its start-up cache). Per run it prints process wall time, run
 * time (from the result's timestamps), the time before and after the run, the first wave's agent
 * call times, peak RSS and CPU time (user + system; both from {@code /usr/bin/time}, when installed),
 * then medians.
 * <p>
 * Each {@code --variant label::launcher::java options} is one way of running (a launcher, e.g.
 * another checkout's {@code bin/baton}, and extra JVM options through {@code BATON_JAVA_OPTS});
 * variants are run in turn, run by run, so a comparison is paired under the same machine load.
 * <p>
 * {@code java -cp baton-bench/target/benchmarks.jar dev.baton.bench.WholeProcessHarness
 * [--agents 10] [--latency-ms 100] [--runs 10] [--warmup 1] [--variant label::launcher::opts]...
 * [--upstream jdk|node]} ({@code node}: the upstream of {@link NodeOpenAiUpstream}, in its own process)
 * <p>
 * Prints figures; asserts nothing about time. Exits 1 if a run fails.
 */
public final class WholeProcessHarness {

    private static final String INPUT = "Review the change in src/main/java for correctness, style and tests.";
    private static final Path TIME = Path.of("/usr/bin/time");

    record Variant(String label, Path launcher, String javaOpts) {
        static Variant parse(String spec) {
            String[] p = spec.split("::", 3);
            if (p.length < 2) throw new IllegalArgumentException("--variant wants label::launcher[::java options]: " + spec);
            return new Variant(p[0], Path.of(p[1]).toAbsolutePath(), p.length > 2 ? p[2] : "");
        }
    }

    record Options(int agents, long latencyMs, int runs, int warmup, List<Variant> variants, boolean node) {
        static Options parse(String[] args) {
            int agents = 10, runs = 10, warmup = 1;
            long latency = 100;
            boolean node = false;
            List<Variant> variants = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) throw new IllegalArgumentException(args[i] + " needs a value");
                switch (args[i]) {
                    case "--agents" -> agents = Integer.parseInt(value);
                    case "--latency-ms" -> latency = Long.parseLong(value);
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--variant" -> variants.add(Variant.parse(value));
                    case "--upstream" -> {
                        if (!value.equals("jdk") && !value.equals("node")) throw new IllegalArgumentException("--upstream is jdk or node, not " + value);
                        node = value.equals("node");
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (known: --agents, --latency-ms, --runs, --warmup, --variant, --upstream)");
                }
                i++;
            }
            if (agents < 1 || runs < 1 || warmup < 0 || latency < 0) {
                throw new IllegalArgumentException("--agents and --runs must be at least 1, --warmup and --latency-ms at least 0");
            }
            if (variants.isEmpty()) variants.add(new Variant("baton", Path.of("bin/baton").toAbsolutePath(), ""));
            return new Options(agents, latency, runs, warmup, variants, node);
        }
    }

    private final Options options;
    private final BenchProject project;

    private WholeProcessHarness(Options options, BenchProject project) {
        this.options = options;
        this.project = project;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("WholeProcessHarness: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.node()) {
            int code;
            try (NodeOpenAiUpstream upstream = new NodeOpenAiUpstream(options.latencyMs());
                 BenchProject project = new BenchProject(upstream.baseUri(), options.agents())) {
                code = new WholeProcessHarness(options, project).run();
            }
            System.exit(code); // after close: the Node process must not outlive the harness
        }
        try (LoopbackOpenAiServer upstream = new LoopbackOpenAiServer(options.latencyMs());
             BenchProject project = new BenchProject(upstream.baseUri(), options.agents())) {
            System.exit(new WholeProcessHarness(options, project).run());
        }
    }

    private int run() throws Exception {
        double critical = 3.0 * options.latencyMs();
        System.out.printf(Locale.ROOT, "%d cores, load average %s; %d reviewers -> synthesizer -> editor, %d ms per call, "
                        + "critical path %.0f ms; peak RSS %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip(), options.agents(), options.latencyMs(), critical,
                Files.isExecutable(TIME) ? "from /usr/bin/time" : "unknown (no /usr/bin/time)");
        for (int i = 0; i < options.warmup(); i++) {
            for (Variant v : options.variants()) once(v);
        }
        Map<Variant, List<ProcessRun>> results = new LinkedHashMap<>();
        System.out.println("variant          wall ms   run ms    pre ms   post ms  wave med  wave max  RSS MiB   CPU ms");
        for (int i = 0; i < options.runs(); i++) {
            for (Variant v : options.variants()) {
                ProcessRun r = once(v);
                results.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
                print(v.label(), r);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "medians over %d runs; targets: wall - run <= 250 ms (10 agents), first wave "
                + "<= 1.2x latency, run <= 1.5x critical path (1,000 agents), peak RSS < 137 MiB (1,000 agents)%n",
                options.runs());
        results.forEach((v, runs) -> {
            ProcessRun m = new ProcessRun(med(runs, ProcessRun::wallMs), med(runs, ProcessRun::runMs),
                    med(runs, ProcessRun::preMs), med(runs, ProcessRun::postMs), med(runs, ProcessRun::firstWaveMedianMs),
                    med(runs, ProcessRun::firstWaveMaxMs), (long) med(runs, r -> r.peakRssKib()), med(runs, ProcessRun::cpuMs));
            print(v.label(), m);
            System.out.printf(Locale.ROOT, "%-14s wall - run %.0f ms, run / critical path %.2fx, first wave / latency %.2fx%n",
                    "", m.wallMs() - m.runMs(), critical == 0 ? Double.NaN : m.runMs() / critical,
                    options.latencyMs() == 0 ? Double.NaN : m.firstWaveMedianMs() / options.latencyMs());
        });
        return 0;
    }

    private static double med(List<ProcessRun> runs, ToDoubleFunction<ProcessRun> f) {
        return Stats.median(runs.stream().map(r -> f.applyAsDouble(r)).toList());
    }

    private static void print(String label, ProcessRun r) {
        System.out.printf(Locale.ROOT, "%-14s %8.0f  %8.0f  %8.0f  %8.0f  %8.1f  %8.1f  %7s  %7s%n", label, r.wallMs(), r.runMs(),
                r.preMs(), r.postMs(), r.firstWaveMedianMs(), r.firstWaveMaxMs(),
                r.peakRssKib() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.peakRssKib() / 1024.0),
                Double.isNaN(r.cpuMs()) ? "-" : String.format(Locale.ROOT, "%.0f", r.cpuMs()));
    }

    /** One {@code baton invoke} process, as a user starts it, in the scratch project. */
    private ProcessRun once(Variant v) throws IOException, InterruptedException {
        Path rss = Files.createTempFile("baton-bench-rss-", ".txt");
        Path err = Files.createTempFile("baton-bench-stderr-", ".txt");
        try {
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(TIME)) command.addAll(List.of(TIME.toString(), "-f", "%M %U %S", "-o", rss.toString()));
            command.addAll(List.of(v.launcher().toString(), "invoke", BenchProject.ENSEMBLE, "--input", INPUT, "-o", "json"));
            ProcessBuilder pb = new ProcessBuilder(command).directory(project.workDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).redirectError(err.toFile());
            environment(pb.environment(), v);
            Instant launched = Instant.now();
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = readAll(p.getInputStream());
            int exit = p.waitFor();
            Instant exited = Instant.now();
            if (exit != 0) {
                throw new IllegalStateException(v.label() + ": baton invoke exited " + exit + ": " + Files.readString(err));
            }
            // "%M %U %S": peak RSS in KiB, user and system CPU in seconds (the last line; a signal note may precede it)
            String[] time = Files.readString(rss).strip().lines().reduce((a, b) -> b).orElse("").strip().split(" ");
            long kib = time.length < 3 ? -1 : Long.parseLong(time[0]);
            double cpuMs = time.length < 3 ? Double.NaN : (Double.parseDouble(time[1]) + Double.parseDouble(time[2])) * 1000;
            return ProcessRun.of(out.join(), launched, exited, kib, cpuMs);
        } finally {
            Files.deleteIfExists(rss);
            Files.deleteIfExists(err);
        }
    }

    /** Only what a user's shell would pass on: no configuration from the harness's own environment. */
    private void environment(Map<String, String> env, Variant v) {
        String path = env.get("PATH");
        String javaHome = env.get("JAVA_HOME");
        env.clear();
        if (path != null) env.put("PATH", path);
        if (javaHome != null) env.put("JAVA_HOME", javaHome);
        env.put("HOME", project.home().toString());
        // each variant its own store: builds of different schema versions cannot share one database
        env.put("BATON_DATA_HOME", project.home().resolve("data-" + v.label()).toString());
        env.put(BenchProject.KEY_VARIABLE, "sk-bench-not-a-secret");
        if (!v.javaOpts().isBlank()) env.put("BATON_JAVA_OPTS", v.javaOpts());
    }

    private static CompletableFuture<String> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Thread::startVirtualThread);
    }
}
