package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.service.ArtifactOutcome;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.testing.PostgresServer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What recording one run's artifacts costs at the end of the run: local mode (files, fsync'd, plus
 * the SQLite run index) against team mode (one transaction into the PostgreSQL store's
 * {@code artifact_run}, plus the local copy of the files). Each mode records the same finished
 * five-agent run {@code --runs} times through {@code baton.ensembles().artifacts().record}, the call
 * the engine's recorder makes; wall time per record (median, p95) and the caller's thread CPU.
 * PostgreSQL is the embedded test server on the same machine (fsync off, as in tests).
 * <pre>java -cp baton-bench/target/benchmarks.jar dev.baton.bench.ArtifactStoreHarness --runs 300</pre>
 */
public final class ArtifactStoreHarness {

    private static final String ENSEMBLE = """
            name: review
            agents:
              - {name: a1, script: "printf 'finding %s' \\"$BATON_INPUT\\""}
              - {name: a2, script: "printf 'finding two'", depends_on: [a1]}
              - {name: a3, script: "printf 'finding three'", depends_on: [a1]}
              - {name: a4, script: "printf 'finding four'", depends_on: [a2, a3]}
              - {name: a5, script: "printf 'summary'", depends_on: [a4]}
            """;

    private ArtifactStoreHarness() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length >= 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 300;
        Path tmp = Files.createTempDirectory("baton-artifact-bench");
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        String url = db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password();
        for (int round = 0; round < 2; round++) {
            measure("local (files + SQLite index)", tmp.resolve("local" + round), null, runs);
            measure("team (PostgreSQL store + local copy)", tmp.resolve("team" + round), url, runs);
        }
        System.exit(0);
    }

    private static void measure(String label, Path dir, String storeUrl, int runs) throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve(".baton/ensembles"));
        Files.writeString(project.resolve(".baton/ensembles/review.yaml"), ENSEMBLE);
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.resolve("home").toString(),
                "BATON_CONFIG_HOME", dir.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", dir.resolve("home/.local/share/baton").toString()));
        if (storeUrl != null) env.put("BATON_STORE_URL", storeUrl);
        try (Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build()) {
            RunResult result = baton.ensembles().run("review", "the diff", RunOptions.defaults().withArtifacts(false), null).await();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 50; i++) check(baton.ensembles().artifacts().record(result, Map.of()));
            long[] nanos = new long[runs];
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                check(baton.ensembles().artifacts().record(result, Map.of()));
                nanos[i] = System.nanoTime() - t0;
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%-38s %d records: median %.2f ms, p95 %.2f ms, caller CPU %.2f ms/record%n",
                    label, runs, nanos[runs / 2] / 1e6, nanos[(int) (runs * 0.95)] / 1e6, cpu / 1e6 / runs);
        }
    }

    private static void check(ArtifactOutcome outcome) {
        if (outcome.writeFailure() != null || outcome.indexFailure() != null) {
            throw new IllegalStateException("recording failed: " + outcome);
        }
    }
}
