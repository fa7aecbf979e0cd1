package dev.baton.context.memory.internal;

import dev.baton.context.memory.Excerpt;
import dev.baton.context.memory.MemorySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A long-lived memory sees edits: a search updates an index older than the refresh interval first. */
class SearchRefreshTest {

    /** A clock tests move by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_search_updates_the_index_only_once_the_last_update_is_older_than_the_interval(@TempDir Path project,
                                                                                         @TempDir Path data) throws Exception {
        Files.writeString(project.resolve("a.md"), "# Alpha\nzebraquartz lives here\n");
        HandClock clock = new HandClock();
        MemorySettings settings = new MemorySettings(project, data.resolve("index"), dev.baton.store.internal.SqliteDatabase.migrated(data.resolve("baton.db")), List.of(),
                1024 * 1024, null, null, null);
        try (DefaultProjectMemory memory = DefaultProjectMemory.open(settings, clock)) {
            assertThat(paths(memory.search("zebraquartz", 1000).excerpts())).containsExactly("a.md"); // first search indexes

            Files.writeString(project.resolve("b.md"), "# Beta\nzebraquartz moved here too\n");
            clock.now = clock.now.plus(DefaultProjectMemory.REFRESH_AFTER).minusSeconds(1);
            assertThat(paths(memory.search("zebraquartz", 1000).excerpts())).containsExactly("a.md");

            clock.now = clock.now.plusSeconds(1);
            assertThat(paths(memory.search("zebraquartz", 1000).excerpts())).containsExactlyInAnyOrder("a.md", "b.md");
        }
    }

    private static List<String> paths(List<Excerpt> excerpts) {
        return excerpts.stream().map(Excerpt::path).toList();
    }
}
