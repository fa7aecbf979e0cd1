package dev.baton.store.internal;

import dev.baton.tool.AuditLog;
import dev.baton.tool.ToolCallRecord.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool audit log contract, on SQLite and PostgreSQL: rows kept whole, filters by run, tool
 * (name or glob) and time, newest first.
 */
abstract class AbstractAuditLogContractTest {

    protected static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    /** A fresh, empty log that closes its database when closed. */
    protected abstract AuditLog newLog();

    protected static AuditLog.Entry entry(String run, String tool, Instant started, Outcome outcome) {
        return new AuditLog.Entry(run, "agent", tool, "{\"path\":\"a.txt\"}", outcome == Outcome.DENIED ? "denied" : "allowed",
                "policy", started, started.plusMillis(5), outcome, 12, false);
    }

    @Test
    void a_recorded_entry_is_listed_with_every_field() {
        try (AuditLog log = newLog()) {
            AuditLog.Entry e = new AuditLog.Entry("r1", "writer", "write_file", "{\"path\":\"x\"}", "denied", "non-interactive",
                    NOW, NOW.plusMillis(3), Outcome.DENIED, 77, true);

            log.record(e);

            assertThat(log.list(AuditLog.Filter.ALL)).containsExactly(e);
        }
    }

    @Test
    void filters_select_by_run_tool_glob_and_since_newest_first() {
        try (AuditLog log = newLog()) {
            log.record(entry("r1", "read_file", NOW.minus(2, ChronoUnit.DAYS), Outcome.OK));
            log.record(entry("r1", "write_file", NOW.minus(1, ChronoUnit.HOURS), Outcome.DENIED));
            log.record(entry("r2", "fs.read_text_file", NOW.minus(30, ChronoUnit.MINUTES), Outcome.OK));
            log.record(entry("r2", "read_file", NOW, Outcome.ERROR));

            assertThat(log.list(new AuditLog.Filter("r1", null, null, 100))).extracting(AuditLog.Entry::tool)
                    .containsExactly("write_file", "read_file");
            assertThat(log.list(new AuditLog.Filter(null, "read_file", null, 100))).extracting(AuditLog.Entry::runId)
                    .containsExactly("r2", "r1");
            assertThat(log.list(new AuditLog.Filter(null, "fs.*", null, 100))).extracting(AuditLog.Entry::tool)
                    .containsExactly("fs.read_text_file");
            assertThat(log.list(new AuditLog.Filter(null, null, NOW.minus(24, ChronoUnit.HOURS), 100)))
                    .extracting(AuditLog.Entry::tool).containsExactly("read_file", "fs.read_text_file", "write_file");
            assertThat(log.list(new AuditLog.Filter("r2", "*read*", NOW.minus(10, ChronoUnit.MINUTES), 100)))
                    .extracting(AuditLog.Entry::outcome).containsExactly(Outcome.ERROR);
            assertThat(log.list(new AuditLog.Filter(null, null, null, 2))).hasSize(2);
        }
    }

    @Test
    void a_glob_matches_sql_wildcards_in_tool_names_literally() {
        try (AuditLog log = newLog()) {
            log.record(entry("r1", "read_file", NOW, Outcome.OK));
            log.record(entry("r1", "readXfile", NOW, Outcome.OK));
            log.record(entry("r1", "100%", NOW, Outcome.OK));

            assertThat(log.list(new AuditLog.Filter(null, "read_file", null, 100))).extracting(AuditLog.Entry::tool)
                    .containsExactly("read_file");
            assertThat(log.list(new AuditLog.Filter(null, "read?file", null, 100))).extracting(AuditLog.Entry::tool)
                    .containsExactlyInAnyOrder("read_file", "readXfile");
            assertThat(log.list(new AuditLog.Filter(null, "1%", null, 100))).isEmpty();
        }
    }
}
