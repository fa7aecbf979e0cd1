package dev.baton.store.internal;

import dev.baton.runs.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The run store contract on SQLite, and that runs and events outlive closing the file (a restarted server). */
class SqliteRunStoreTest extends AbstractRunStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected StoreDatabase newDatabase() {
        return SqliteDatabase.open(dir.resolve("baton.db"));
    }

    @Test
    void runs_and_events_survive_reopening_the_database() {
        Path file = dir.resolve("again.db");
        try (SqliteDatabase first = SqliteDatabase.open(file)) {
            new JdbcRunStore(first).save(new RunRecord("r1", "echo", "running", null, null, "a", null, Instant.now(), null,
                    null, null, null, null, null, 1));
            new JdbcRunEventLog(first).append("r1", 1, "run_started", "{}");
        }
        try (SqliteDatabase second = SqliteDatabase.open(file)) {
            assertThat(new JdbcRunStore(second).find("r1")).isPresent();
            assertThat(new JdbcRunEventLog(second).after("r1", 0, 10)).hasSize(1);
        }
    }
}
