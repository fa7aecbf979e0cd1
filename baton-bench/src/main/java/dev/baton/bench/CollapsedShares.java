package dev.baton.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The share of a profile's samples whose stack holds each of the given frames, from collapsed
 * stacks ({@link CpuProfiler}, {@code GatewayHarness --profile}): a sample counts once for every
 * pattern one of its frames contains, so the shares of nested frames overlap.
 *
 * <pre>java -cp baton-bench/target/benchmarks.jar dev.baton.bench.CollapsedShares FILE PATTERN...</pre>
 * e.g. {@code CollapsedShares /tmp/prof/baton.collapsed DelayScheduler BatchWriter.run BackgroundLines.run}.
 */
public final class CollapsedShares {

    private CollapsedShares() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) throw new IllegalArgumentException("usage: CollapsedShares FILE PATTERN...");
        String[] patterns = Arrays.copyOfRange(args, 1, args.length);
        long[] hits = new long[patterns.length];
        long total = 0;
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                int space = line.lastIndexOf(' ');
                if (space < 0) continue;
                long n = Long.parseLong(line.substring(space + 1).strip());
                String stack = line.substring(0, space);
                total += n;
                for (int i = 0; i < patterns.length; i++) if (stack.contains(patterns[i])) hits[i] += n;
            }
        }
        System.out.printf(Locale.ROOT, "%,d samples%n", total);
        for (int i = 0; i < patterns.length; i++) {
            System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", total == 0 ? 0 : 100.0 * hits[i] / total, patterns[i]);
        }
    }
}
