package dev.baton.store.internal;

import dev.baton.store.StoreSettings;
import dev.baton.store.StoreVersionException;
import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versioned schemas: old files baselined with their data, current ones left alone, newer ones refused. */
class StoreMigrationsTest {

    @TempDir
    Path dir;

    @Test
    void givenAFileMadeBeforeTheMigrations_whenOpened_thenItsDataStaysAndItIsBaselinedAtVersion3() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            StoreSchema.create(c); // the code path of every Baton before the migrations
            s.execute("INSERT INTO usage_ledger (ts_ms, input_tokens, cached_tokens, output_tokens, reasoning_tokens,"
                    + " latency_us, outcome, estimated, streamed, cost_nano_usd) VALUES (1, 1, 0, 2, 0, 10, 'ok', 0, 0, 7)");
            s.execute("INSERT INTO api_keys (id, name, secret_sha256, created_ms, profiles) VALUES ('k_1', 'ci', 'ab', 1, '')");
        }

        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertThat(count(db, "SELECT count(*) FROM usage_ledger WHERE cost_nano_usd = 7")).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM api_keys WHERE name = 'ci'")).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM flyway_schema_history WHERE version = '3' AND type = 'BASELINE'"))
                    .as("baselined, not migrated over").isEqualTo(1);
            // the baseline, then the migrations that came after version 3 (V4 the task queue, V5 chat sessions, ...)
            long after3 = versions("sqlite").stream().filter(v -> v > 3).count();
            assertThat(count(db, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(1 + after3);
        }
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertThat(count(db, "SELECT count(*) FROM usage_ledger")).isEqualTo(1);
        }
    }

    @Test
    void givenANewFile_whenOpenedTwice_thenEveryMigrationRanOnceAndTheSecondOpenFindsItCurrent() throws Exception {
        Path file = dir.resolve("new.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertThat(count(db, "SELECT count(*) FROM flyway_schema_history WHERE success"))
                    .isEqualTo(versions("sqlite").size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(StoreMigrations.pending(c, Dialect.SQLITE, "x")).as("no Flyway on a current schema").isNull();
        }
    }

    @Test
    void givenASqliteFileFromANewerBaton_whenOpened_thenTheErrorNamesTheStoreAndBothVersions() throws Exception {
        Path file = dir.resolve("newer.db");
        SqliteDatabase.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(newerRow("1"));
        }

        assertThatThrownBy(() -> SqliteDatabase.open(file)).isInstanceOf(StoreVersionException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("version 9")
                .hasMessageContaining("this Baton's " + StoreMigrations.LATEST);
    }

    @Test
    void givenAPostgresSchemaFromANewerBaton_whenOpened_thenTheErrorNamesTheStoreAndBothVersions() throws Exception {
        PostgresServer.Database database = PostgresServer.start().newDatabase();
        StoreSettings settings = StoreSettings.postgres(database.jdbcUrl(), database.user(), database.password(), 2);
        PostgresDatabase.open(settings).close();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(newerRow("true"));
        }

        assertThatThrownBy(() -> PostgresDatabase.open(settings)).isInstanceOf(StoreVersionException.class)
                .hasMessageContaining(database.name()).hasMessageContaining("version 9")
                .hasMessageContaining("this Baton's " + StoreMigrations.LATEST)
                .hasMessageNotContaining(database.password());
    }

    @Test
    void givenTheMigrationFiles_thenEachDialectEndsAtTheVersionTheBinaryChecksFor() throws Exception {
        for (String dialect : List.of("sqlite", "postgres")) {
            // versions are taken by parallel branches, so one may be missing until they merge
            assertThat(versions(dialect)).as(dialect).doesNotHaveDuplicates()
                    .last().isEqualTo(StoreMigrations.LATEST);
        }
    }

    private static List<Integer> versions(String dialect) throws IOException, URISyntaxException {
        Path folder = Path.of(StoreMigrationsTest.class.getResource("/dev/baton/store/migration/" + dialect).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().toList();
        }
    }

    /** A successful version-9 migration in Flyway's history, as a newer Baton would leave it. */
    private static String newerRow(String success) {
        return "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (99, '9', 'from the future', 'SQL', 'V9__x.sql', 0,"
                + " 'someone', 1, " + success + ")";
    }

    private static long count(StoreDatabase db, String sql) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
