package dev.baton.store.internal;

import dev.baton.tool.AuditLog;
import dev.baton.tool.ToolCallRecord.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log contract on SQLite, and that entries survive reopening the file. */
class SqliteAuditLogTest extends AbstractAuditLogContractTest {

    @TempDir
    Path dir;

    @Override
    protected AuditLog newLog() {
        return JdbcAuditLog.open(dir.resolve("baton.db"));
    }

    @Test
    void entries_survive_closing_and_reopening_the_database() {
        Path file = dir.resolve("baton.db");
        try (JdbcAuditLog log = JdbcAuditLog.open(file)) {
            log.record(entry("r1", "read_file", NOW, Outcome.OK));
        }
        try (JdbcAuditLog log = JdbcAuditLog.open(file)) {
            assertThat(log.list(AuditLog.Filter.ALL)).hasSize(1);
        }
    }
}
