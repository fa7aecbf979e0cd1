package dev.baton.store.internal;

import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetKey;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.LeaseGrant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGKILL a process in the middle of 50 concurrent calls; the database must stay whole. */
class KilledProcessTest {

    private static final long LEASE_TTL_MS = 1_500;
    private static final long CALL_COST_NANOS = 1_000_000; // $0.001
    private static final BudgetKey PROJECT = new BudgetKey(BudgetScope.PROJECT, "*", "total");

    @TempDir
    Path dir;

    @Test
    void a_killed_process_leaves_a_readable_ledger_and_its_leases_expire() throws Exception {
        Path db = dir.resolve("baton.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LedgerChildMain.class.getName(), db.toString(), Long.toString(LEASE_TTL_MS))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long childPid = child.pid();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            assertThat(out.readLine()).isEqualTo("READY");
            Thread.sleep(200);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Instant killedAt = Instant.now();

        try (SqliteDatabase database = SqliteDatabase.open(db)) {
            assertThat(database.integrityCheck()).isEqualTo("ok");
            long[] rows = database.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                        SELECT COUNT(*),
                               SUM(outcome <> 'ok' OR profile IS NULL OR provider IS NULL OR model IS NULL
                                   OR output_tokens <> 100 OR cost_nano_usd IS NOT %d OR latency_us <= 0),
                               COALESCE(SUM(cost_nano_usd), 0)
                        FROM usage_ledger""".formatted(CALL_COST_NANOS))) {
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                }
            });
            assertThat(rows[0]).as("rows written before the kill").isGreaterThanOrEqualTo(500);
            assertThat(rows[1]).as("rows not written whole").isZero();

            JdbcBudgetStore survivor = new JdbcBudgetStore(database, "survivor");
            BudgetAmount limit = new BudgetAmount(1_000_000_000_000L, BudgetAmount.UNLIMITED);
            LeaseGrant right = survivor.acquire(PROJECT, BudgetAmount.ZERO, BudgetAmount.ZERO, limit, killedAt,
                    killedAt.plusSeconds(60));
            assertThat(right.heldByOthers().nanoUsd()).as("the dead child's lease is still held").isPositive();
            // A call settles after its ledger row is queued, so the stored spend trails the ledger by
            // at most the calls in flight (one per thread). It may lead it by much more: settlements
            // are summed in memory and a settlement op (or an acquisition) applies all of them when
            // it runs, including those of calls whose ledger rows are still queued behind it in the
            // writer; the kill loses those rows (calls that ran and were paid), never the spend.
            // Under load that backlog reached 400+ rows, so only the safe direction is an
            // invariant: the budget never forgets money spent.
            assertThat(right.spent().nanoUsd()).as("settled spend covers the ledger but the calls in flight")
                    .isGreaterThanOrEqualTo(rows[2] - 50 * CALL_COST_NANOS);
            assertThat(right.spent().nanoUsd() + right.heldByOthers().nanoUsd())
                    .as("spend and live leases stay within the limit").isLessThanOrEqualTo(limit.nanoUsd());
            assertThat(leaseOwners(database)).anyMatch(o -> o.startsWith("pid-" + childPid + "-"));

            Instant afterTtl = killedAt.plusMillis(LEASE_TTL_MS + 100);
            LeaseGrant later = survivor.acquire(PROJECT, BudgetAmount.ZERO, BudgetAmount.ZERO, limit, afterTtl,
                    afterTtl.plusSeconds(60));
            assertThat(later.heldByOthers()).as("leases of a dead process expire").isEqualTo(BudgetAmount.ZERO);
            assertThat(leaseOwners(database)).noneMatch(o -> o.startsWith("pid-" + childPid + "-"));
        }
    }

    private static List<String> leaseOwners(SqliteDatabase database) {
        return database.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT owner FROM budget_lease")) {
                List<String> owners = new java.util.ArrayList<>();
                while (rs.next()) owners.add(rs.getString(1));
                return owners;
            }
        });
    }
}
