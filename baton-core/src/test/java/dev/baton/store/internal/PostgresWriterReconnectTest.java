package dev.baton.store.internal;

import dev.baton.store.StoreSettings;
import dev.baton.testing.PostgresServer;
import dev.baton.usage.UsageRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's writer across a PostgreSQL restart: a real server (of this test alone) is shut down
 * and started again on the same data folder and port. Writes made while it is down wait (they are
 * kept, not dropped) and are committed once it is back; past the outage limit they fail with an
 * error that says the database was unreachable, and the writer still works after that.
 */
class PostgresWriterReconnectTest {

    private static PostgresServer server;

    @BeforeAll
    static void start() {
        server = PostgresServer.startOwn();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void givenTheDatabaseRestarts_whenCallsArriveBeforeDuringAndAfter_thenTheLedgerHasEveryRow() throws Exception {
        PostgresServer.Database db = server.newDatabase();
        try (PostgresDatabase database = PostgresDatabase.open(settings(db), Duration.ofSeconds(60));
             JdbcUsageLedger ledger = new JdbcUsageLedger(database)) {
            for (int i = 0; i < 50; i++) ledger.record(row("before"));
            database.flush();
            assertThat(rows(db, "before")).isEqualTo(50);

            server.shutDown();
            for (int i = 0; i < 50; i++) ledger.record(row("during"));
            // a caller that waits for its write's commit waits through the outage
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> database.write(c -> {
                c.batched("INSERT INTO usage_ledger (ts_ms, profile, provider, model, input_tokens, cached_tokens,"
                        + " output_tokens, reasoning_tokens, latency_us, outcome, estimated, streamed)"
                        + " VALUES (1, 'waited', 'p', 'm', 0, 0, 0, 0, 0, 'ok', 0, 0)").addBatch();
                return 1;
            }));
            Thread.sleep(1500); // the writer has met the dead connection and is reconnecting
            assertThat(waiting).as("still waiting while the database is down").isNotDone();

            server.restart();
            assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            for (int i = 0; i < 50; i++) ledger.record(row("after"));
            database.flush();

            assertThat(rows(db, "before")).isEqualTo(50);
            assertThat(rows(db, "during")).as("kept while the database was away").isEqualTo(50);
            assertThat(rows(db, "waited")).isEqualTo(1);
            assertThat(rows(db, "after")).isEqualTo(50);
        }
    }

    @Test
    void givenTheDatabaseStaysAwayPastTheLimit_whenACallWaits_thenItFailsClearlyAndTheWriterWorksOnceItIsBack() throws Exception {
        PostgresServer.Database db = server.newDatabase();
        try (PostgresDatabase database = PostgresDatabase.open(settings(db), Duration.ofSeconds(2));
             JdbcUsageLedger ledger = new JdbcUsageLedger(database)) {
            ledger.record(row("before"));
            database.flush();

            server.shutDown();
            try {
                ledger.record(row("lost"));
                assertThatThrownBy(database::flush).hasMessageContaining("the database was unreachable for 2 s")
                        .hasMessageContaining("not stored");
            } finally {
                server.restart();
            }
            ledger.record(row("after"));
            database.flush();

            assertThat(rows(db, "before")).isEqualTo(1);
            assertThat(rows(db, "after")).isEqualTo(1);
        }
    }

    private static StoreSettings settings(PostgresServer.Database db) {
        return StoreSettings.postgres(db.jdbcUrl(), db.user(), db.password(), 3);
    }

    private static UsageRecord row(String profile) {
        return UsageRecord.builder(Instant.now()).runId("r").agent("a").profile(profile).provider("p").model("m")
                .inputTokens(1).outputTokens(1).costUsd(new BigDecimal("0.001")).latency(Duration.ofMillis(1)).build();
    }

    private static long rows(PostgresServer.Database db, String profile) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM usage_ledger WHERE profile = '" + profile + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
