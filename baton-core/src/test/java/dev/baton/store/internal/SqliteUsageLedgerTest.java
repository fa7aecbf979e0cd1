package dev.baton.store.internal;

import dev.baton.usage.AbstractUsageLedgerContractTest;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.UsageLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteUsageLedgerTest extends AbstractUsageLedgerContractTest {

    @TempDir
    Path dir;

    @Override
    protected UsageLedger newLedger() {
        return SqliteUsageLedger.open(dir.resolve("nested/baton.db"));
    }

    @Test
    void close_flushes_and_records_survive_reopening() {
        for (int i = 0; i < 500; i++) ledger.record(call(T0, "fast", "0.01", 5).build());
        ledger.close();

        ledger = SqliteUsageLedger.open(dir.resolve("nested/baton.db"));
        assertThat(ledger.query(new StatsQuery(null, StatsQuery.GroupBy.NONE)).getFirst().calls()).isEqualTo(500);
    }

    @Test
    void the_default_path_honours_xdg_data_home() {
        Path home = Path.of("/home/u");
        assertThat(SqliteUsageLedger.defaultPath(java.util.Map.of(), home))
                .isEqualTo(Path.of("/home/u/.local/share/baton/baton.db"));
        assertThat(SqliteUsageLedger.defaultPath(java.util.Map.of("XDG_DATA_HOME", "/data"), home))
                .isEqualTo(Path.of("/data/baton/baton.db"));
        assertThat(SqliteUsageLedger.defaultPath(java.util.Map.of("XDG_DATA_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/u/.local/share/baton/baton.db"));
    }

    @Test
    void the_database_is_in_wal_mode_with_the_schema_version_set() throws Exception {
        ledger.flush();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nested/baton.db"));
             var s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(StoreSchema.VERSION);
            }
        }
    }
}
