package dev.baton.bench;

import java.util.Locale;

/**
 * A paired version of {@link AdapterOverheadBenchmark}: for each provider, one adapter call and one
 * raw JDK-client exchange alternate in the same loop of the same JVM, so both see the same machine
 * load, in alternating order; the overhead is the median of the per-pair differences. On a shared 2-core machine JMH's
 * two medians, taken in separate forks minutes apart, can drift by more than the 50 µs under test;
 * pairing removes that drift. Uses the benchmark's own set-up (same servers, answers, requests;
 * Bedrock's SDK path warmed the same way), then warms both paths with {@code --warmup} pairs.
 * A third leg, the raw exchange with a request timeout as every adapter sets one, shows how much of
 * the difference is the JDK client arming and cancelling that timeout rather than the adapter.
 * <p>
 * {@code java -cp baton-bench/target/benchmarks.jar dev.baton.bench.AdapterPairProbe [--warmup 5000]
 * [--pairs 20000] [--providers openai,anthropic,gemini,ollama,bedrock]}
 */
public final class AdapterPairProbe {

    private AdapterPairProbe() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 5_000;
        int pairs = 20_000;
        String[] providers = {"openai", "anthropic", "gemini", "ollama", "bedrock"};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--pairs" -> pairs = Integer.parseInt(args[++i]);
                case "--providers" -> providers = args[++i].split(",");
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--warmup N, --pairs N, --providers a,b)");
            }
        }
        System.out.printf(Locale.ROOT, "%d cores; %d warm-up pairs, %d measured pairs per provider%n",
                Runtime.getRuntime().availableProcessors(), warmup, pairs);
        System.out.printf(Locale.ROOT, "%-10s %12s %12s %16s %20s %10s%n", "provider", "adapter p50", "raw p50",
                "p50(adapter-raw)", "p50(raw+timeout-raw)", "load avg");
        for (String provider : providers) {
            AdapterOverheadBenchmark b = new AdapterOverheadBenchmark();
            b.provider = provider;
            b.setUp();
            try {
                for (int i = 0; i < warmup; i++) {
                    b.adapterCall();
                    b.rawHttpClient();
                }
                long[] adapter = new long[pairs];
                long[] raw = new long[pairs];
                long[] diff = new long[pairs];
                long[] timeoutCost = new long[pairs];
                for (int i = 0; i < pairs; i++) {
                    // Odd rounds run the legs in reverse order: a call runs faster or slower for
                    // following another one, and alternating cancels that position effect.
                    boolean forward = (i & 1) == 0;
                    long t0 = System.nanoTime();
                    if (forward) b.adapterCall(); else b.rawHttpClientWithTimeout();
                    long t1 = System.nanoTime();
                    b.rawHttpClient();
                    long t2 = System.nanoTime();
                    if (forward) b.rawHttpClientWithTimeout(); else b.adapterCall();
                    long t3 = System.nanoTime();
                    adapter[i] = forward ? t1 - t0 : t3 - t2;
                    long timed = forward ? t3 - t2 : t1 - t0;
                    raw[i] = t2 - t1;
                    diff[i] = adapter[i] - raw[i];
                    timeoutCost[i] = timed - raw[i];
                }
                System.out.printf(Locale.ROOT, "%-10s %9.1f us %9.1f us %13.1f us %17.1f us %10s%n", provider,
                        BedrockPhaseProbe.median(adapter), BedrockPhaseProbe.median(raw),
                        BedrockPhaseProbe.median(diff), BedrockPhaseProbe.median(timeoutCost), loadAverage());
            } finally {
                b.tearDown();
            }
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
