package dev.baton.store.internal;

import dev.baton.usage.StatsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An open ledger must not keep the database's write lock between its batches. */
class SqliteWriteLockTest {

    @TempDir
    Path tmp;

    @Test
    void another_connection_can_write_while_a_ledger_is_open() throws Exception {
        Path db = tmp.resolve("baton.db");
        try (JdbcUsageLedger ledger = JdbcUsageLedger.open(db)) {
            ledger.query(StatsQuery.last(Duration.ofHours(1), Instant.now(), StatsQuery.GroupBy.NONE));
            ledger.flush();

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
                 Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 200");
                long start = System.nanoTime();
                s.execute("CREATE TABLE IF NOT EXISTS other_writer (x INTEGER)");
                s.execute("INSERT INTO other_writer VALUES (1)");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
        }
    }
}
