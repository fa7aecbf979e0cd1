package dev.baton.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The pipeline's tail latency at a fixed offered rate: calls through the whole pipeline with the
 * SQLite ledger ({@link PipelineFixture}) are started on a schedule of {@code --rate} calls per
 * second, spread over {@code --threads} platform threads, for {@code --seconds} after
 * {@code --warmup-seconds}. Each call's latency is measured twice: from its actual start (service
 * time) and from its scheduled start (what a caller waiting on the schedule sees, so a stall is
 * not hidden by the calls it delays). Ends by checking that the ledger holds one row per call.
 *
 * <pre>java -cp baton-bench/target/benchmarks.jar dev.baton.bench.PipelinePacedHarness --rate 10000 --seconds 30</pre>
 */
public final class PipelinePacedHarness {

    private PipelinePacedHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rate = 10_000;
        int seconds = 30;
        int warmup = 10;
        int threads = 4;
        String budget = PipelineFixture.NO_BUDGET;
        boolean ledger = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmup = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--budget" -> budget = args[++i];
                case "--no-ledger" -> ledger = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --rate N --seconds N --warmup-seconds N --threads N --budget none|usd --no-ledger)");
            }
        }
        try (PipelineFixture fixture = new PipelineFixture(budget, ledger)) {
            System.out.printf(Locale.ROOT, "rate %d calls/s, %d thread(s), budget %s, ledger %s, heap %s, GC %s%n", rate, threads, budget,
                    ledger ? "SQLite" : "none", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB", gcNames());
            if (warmup > 0) run(fixture, rate, warmup, threads, false);
            long calls = run(fixture, rate, seconds, threads, true);
            long total = calls + (long) rate * warmup;
            long rows = fixture.ledgerRows();
            if (ledger) System.out.printf(Locale.ROOT, "calls %d (warm-up included), ledger rows %d: %s%n", total, rows,
                    rows == total ? "none dropped" : "MISMATCH");
        }
    }

    private static String gcNames() {
        List<String> names = new ArrayList<>();
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) names.add(gc.getName());
        return String.join(", ", names);
    }

    /** Runs the schedule for {@code seconds}; prints the percentiles when {@code report}; returns the calls made. */
    private static long run(PipelineFixture fixture, int rate, int seconds, int threads, boolean report) throws InterruptedException {
        int total = rate * seconds;
        long[] service = new long[total];
        long[] scheduled = new long[total];
        double interval = 1e9 / rate;
        long start = System.nanoTime() + 50_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int first = t;
            workers[t] = Thread.ofPlatform().name("paced-" + t).start(() -> {
                for (int i = first; i < total; i += threads) {
                    long due = start + (long) (i * interval);
                    long now;
                    while ((now = System.nanoTime()) < due) LockSupport.parkNanos(due - now);
                    fixture.routed.chat(fixture.request);
                    long end = System.nanoTime();
                    service[i] = end - now;
                    scheduled[i] = end - due;
                }
            });
        }
        for (Thread w : workers) w.join();
        long elapsed = System.nanoTime() - start;
        if (report) {
            System.out.printf(Locale.ROOT, "achieved %.0f calls/s over %.1f s%n", total / (elapsed / 1e9), elapsed / 1e9);
            print("service time  ", service);
            print("from schedule ", scheduled);
        }
        return total;
    }

    private static void print(String label, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s µs: p50 %.1f  p99 %.1f  p99.9 %.1f  p99.99 %.1f  max %.1f%n", label,
                at(s, 0.50), at(s, 0.99), at(s, 0.999), at(s, 0.9999), s[s.length - 1] / 1e3);
    }

    private static double at(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e3;
    }
}
