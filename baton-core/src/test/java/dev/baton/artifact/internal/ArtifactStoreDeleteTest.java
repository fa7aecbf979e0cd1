package dev.baton.artifact.internal;

import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.IndexedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deleting one run, and choosing runs to clean up by age and by how many to keep. */
class ArtifactStoreDeleteTest {

    @TempDir
    Path root;

    private final Instant start = Instant.parse("2024-05-01T10:15:30.123Z");

    @Test
    void deleting_the_newest_run_removes_its_files_and_index_entry_and_repoints_latest() {
        try (SqliteArtifactIndex index = SqliteArtifactIndex.open(root.resolve("db/baton.db"))) {
            ArtifactWriter writer = new ArtifactWriter(root.resolve("artifacts"), index, ZoneOffset.UTC);
            ArtifactRef old = writer.write(SampleRuns.run("e", start.minus(Duration.ofDays(1)), "old"));
            ArtifactRef newest = writer.write(SampleRuns.run("e", start, "new"));
            ArtifactStore store = new ArtifactStore(root.resolve("artifacts"), index, ZoneOffset.UTC);

            assertThat(store.delete("e", newest.id())).isTrue();

            assertThat(Files.exists(newest.dir())).isFalse();
            assertThat(store.show("e", "latest").orElseThrow().ref().id()).isEqualTo(old.id());
            assertThat(index.list("e", 10)).extracting(IndexedRun::runId).containsExactly("run-" + start.minus(Duration.ofDays(1)).toEpochMilli());
            assertThat(store.delete("e", newest.id())).isFalse();
            assertThat(store.delete("e", "../../etc")).isFalse();
            assertThat(store.delete("nope", old.id())).isFalse();
        }
    }

    @Test
    void cleanup_selects_runs_beyond_the_newest_n_of_each_ensemble_and_older_than_the_cutoff() {
        ArtifactWriter writer = new ArtifactWriter(root.resolve("artifacts"), null, ZoneOffset.UTC);
        ArtifactRef e1 = writer.write(SampleRuns.run("e", start.minus(Duration.ofDays(3)), "1"));
        ArtifactRef e2 = writer.write(SampleRuns.run("e", start.minus(Duration.ofDays(2)), "2"));
        ArtifactRef e3 = writer.write(SampleRuns.run("e", start, "3"));
        ArtifactRef f1 = writer.write(SampleRuns.run("f", start.minus(Duration.ofDays(5)), "f"));
        ArtifactStore store = new ArtifactStore(root.resolve("artifacts"), null, ZoneOffset.UTC);

        assertThat(store.selectForCleanup(null, null, 1)).containsExactly(e2, e1);
        assertThat(store.selectForCleanup(null, start.minus(Duration.ofDays(1)), null)).containsExactly(e2, e1, f1);
        assertThat(store.selectForCleanup("e", start.minus(Duration.ofDays(1)), 2)).containsExactly(e1);
        assertThat(store.selectForCleanup("f", null, 0)).containsExactly(f1);
        assertThat(Files.exists(e1.dir())).isTrue();
        assertThat(e3.dir()).exists();
        assertThatThrownBy(() -> store.selectForCleanup(null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
