package dev.baton.artifact.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.ensemble.run.RunStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.IndexedRun;
import dev.baton.artifact.StoredRun;

class ArtifactWriterTest {

    @TempDir
    Path root;

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final Instant start = Instant.parse("2024-05-01T10:15:30.123Z");

    @Test
    void writes_execution_json_and_md_under_a_timestamped_dir_and_points_latest_at_it() throws Exception {
        ArtifactWriter writer = new ArtifactWriter(root, null, ZoneOffset.UTC);
        ArtifactRef ref = writer.write(SampleRuns.run("code review", start, "looks good"));

        assertThat(ref.dir()).isEqualTo(root.resolve("code_review/20240501-101530-123"));
        JsonNode json = mapper.readTree(Files.readString(ref.executionJson()));
        assertThat(json.get("status").asString()).isEqualTo("completed_with_errors");
        assertThat(json.get("agents").get("reviewer").get("output").asString()).isEqualTo("looks good");
        assertThat(json.get("agents").get("scorer").get("output").get("score").asInt()).isEqualTo(7);
        assertThat(json.get("agents").get("linter").get("error").get("code").asString()).isEqualTo("TIMEOUT");
        assertThat(json.get("totals").get("cost_usd").decimalValue()).isEqualByComparingTo("0.0012");
        String md = Files.readString(ref.executionMarkdown());
        assertThat(md).contains("# code review — completed_with_errors", "## Input", "review this", "## Graph",
                "n_reviewer[\"reviewer\"] --> n_scorer[\"scorer\"]", "## Usage and cost",
                "| reviewer | completed | openai/gpt-4o-mini | 100 | 20 | 0.0012 |", "## Timings", "TIMEOUT");
        assertThat(AtomicFiles.readPointer(root.resolve("code_review/latest"))).isEqualTo("20240501-101530-123");
        try (Stream<Path> files = Files.list(ref.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("execution.json", "execution.md");
        }
    }

    @Test
    void execution_json_round_trips() {
        RunResult original = SampleRuns.run("e", start, "text output");
        RunResult back = RunResultJson.read(RunResultJson.write(original));
        assertThat(back).usingRecursiveComparison().isEqualTo(original);
    }

    @Test
    void same_millisecond_runs_get_distinct_dirs_and_latest_moves_only_forward() throws Exception {
        ArtifactWriter writer = new ArtifactWriter(root, null, ZoneOffset.UTC);
        ArtifactRef first = writer.write(SampleRuns.run("e", start, "1"));
        ArtifactRef second = writer.write(SampleRuns.run("e", start, "2"));
        writer.write(SampleRuns.run("e", start.minusSeconds(60), "older, finished later"));

        assertThat(second.id()).isEqualTo(first.id() + "-1");
        assertThat(AtomicFiles.readPointer(root.resolve("e/latest"))).isEqualTo(second.id());
    }

    @Test
    void readers_never_see_a_partial_file_while_it_is_replaced() throws Exception {
        Path target = root.resolve("execution.json");
        byte[] small = "{\"v\":\"small\"}".getBytes(StandardCharsets.UTF_8);
        byte[] large = ("{\"v\":\"" + "y".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, small);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger torn = new AtomicInteger();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                try {
                    int len = Files.readAllBytes(target).length;
                    if (len != small.length && len != large.length) torn.incrementAndGet();
                    reads.incrementAndGet();
                } catch (java.io.IOException e) {
                    torn.incrementAndGet();
                }
            }
        });
        for (int i = 0; i < 20; i++) AtomicFiles.write(target, i % 2 == 0 ? large : small);
        stop.set(true);
        reader.join();
        assertThat(reads.get()).isPositive();
        assertThat(torn.get()).isZero();
    }

    @Test
    void a_writer_killed_mid_write_leaves_no_partial_execution_json() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path big = root.resolve("big");
        int killedMidWrite = 0;
        // at least 4 rounds; on a busy machine the kill may land after the write, so keep going
        // (up to 16 rounds) until one round has killed the writer mid-write
        for (int round = 0; round < 4 || (killedMidWrite == 0 && round < 16); round++) {
            Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    ArtifactWriteLoop.class.getName(), root.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                // kill the moment the newest run's execution.json temp file appears; the round counts
                // when, after the kill, the newest run has no execution.json (a busy machine may let
                // the child finish that run and start the next one before the kill lands — also mid-write)
                awaitJsonWriteStarted(big, child);
                child.destroyForcibly().waitFor();
                Path newest = newestRun(big);
                if (newest != null && !Files.exists(newest.resolve("execution.json"))) killedMidWrite++;
            } finally {
                child.destroyForcibly().waitFor();
            }
        }
        assertThat(killedMidWrite).as("rounds killed while execution.json was being written").isPositive();
        List<Path> jsons;
        try (Stream<Path> all = Files.walk(root)) {
            jsons = all.filter(p -> p.getFileName().toString().equals("execution.json")).toList();
        }
        for (Path p : jsons) {
            JsonNode json = mapper.readTree(Files.readString(p));
            assertThat(json.get("agents").get("reviewer").get("output").asString()).hasSize(4 << 20);
        }
        ArtifactStore store = new ArtifactStore(root, null, ZoneOffset.UTC);
        assertThat(store.list("big")).hasSize(jsons.size());
    }

    private static void awaitJsonWriteStarted(Path ensembleDir, Process child) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end && child.isAlive()) {
            try {
                Path newest = newestRun(ensembleDir);
                if (newest != null) {
                    try (Stream<Path> files = Files.list(newest)) {
                        if (files.anyMatch(f -> f.getFileName().toString().startsWith(".execution.json."))) return;
                    }
                }
            } catch (java.nio.file.NoSuchFileException raced) {
                // a file vanished (renamed) while listing: look again
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the child never started writing execution.json");
    }

    /** The newest run folder of the ensemble (folders are named by time), or null when there is none yet. */
    private static @org.jspecify.annotations.Nullable Path newestRun(Path ensembleDir) throws IOException {
        if (!Files.isDirectory(ensembleDir)) return null;
        try (Stream<Path> runs = Files.list(ensembleDir)) {
            return runs.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .max(java.util.Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        }
    }

    @Test
    void store_lists_shows_and_cleans_up_with_the_index() throws Exception {
        try (SqliteArtifactIndex index = SqliteArtifactIndex.open(root.resolve("db/baton.db"))) {
            ArtifactWriter writer = new ArtifactWriter(root.resolve("artifacts"), index, ZoneOffset.UTC);
            ArtifactRef old = writer.write(SampleRuns.run("e", start.minus(Duration.ofDays(10)), "old"));
            ArtifactRef mid = writer.write(SampleRuns.run("e", start.minus(Duration.ofDays(1)), "mid"));
            ArtifactRef other = writer.write(SampleRuns.run("f", start, "other"));
            ArtifactStore store = new ArtifactStore(root.resolve("artifacts"), index, ZoneOffset.UTC);

            assertThat(store.ensembles()).containsExactly("e", "f");
            assertThat(store.list("e")).extracting(ArtifactRef::id).containsExactly(mid.id(), old.id());
            assertThat(store.list(null)).hasSize(3);
            StoredRun shown = store.show("e", old.id()).orElseThrow();
            assertThat(shown.result().agent("reviewer").orElseThrow().output()).isEqualTo("old");
            assertThat(store.show("e", "latest").orElseThrow().ref().id()).isEqualTo(mid.id());
            assertThat(index.list("e", 10)).extracting(IndexedRun::runId)
                    .containsExactly("run-" + start.minus(Duration.ofDays(1)).toEpochMilli(),
                            "run-" + start.minus(Duration.ofDays(10)).toEpochMilli());
            assertThat(index.find("run-" + start.toEpochMilli()).orElseThrow().status())
                    .isEqualTo(RunStatus.COMPLETED_WITH_ERRORS.wire());

            int deleted = store.cleanupOlderThan(start.minus(Duration.ofDays(2)));

            assertThat(deleted).isEqualTo(1);
            assertThat(Files.exists(old.dir())).isFalse();
            assertThat(store.list("e")).extracting(ArtifactRef::id).containsExactly(mid.id());
            assertThat(index.list(null, 10)).hasSize(2);
            assertThat(Files.exists(other.dir())).isTrue();
            assertThat(store.cleanupOlderThan(start.plusSeconds(5))).isEqualTo(2);
            assertThat(Files.exists(root.resolve("artifacts/e/latest"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + root.resolve("db/baton.db"));
             var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void given_a_run_syncing_the_latest_pointer_when_another_run_of_the_ensemble_is_written_then_it_does_not_wait_for_that_sync()
            throws Exception {
        java.util.concurrent.CountDownLatch firstSyncing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch releaseFirst = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger syncs = new AtomicInteger();
        ArtifactWriter writer = new ArtifactWriter(root, null, ZoneOffset.UTC, dir -> {
            if (syncs.incrementAndGet() == 1) {
                firstSyncing.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            AtomicFiles.syncDirectory(dir);
        });
        Thread first = Thread.ofVirtual().start(() -> writer.write(SampleRuns.run("e", start, "first")));
        assertThat(firstSyncing.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        java.util.concurrent.CompletableFuture<ArtifactRef> second = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> writer.write(SampleRuns.run("e", start.plusSeconds(1), "second")),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());

        // while the first run is still in its sync: the second write does not queue behind it
        ArtifactRef written = second.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(first.isAlive()).isTrue();
        releaseFirst.countDown();
        first.join();
        assertThat(AtomicFiles.readPointer(root.resolve("e/latest"))).isEqualTo(written.id());
    }
}
