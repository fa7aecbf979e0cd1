package dev.baton.store.internal;

import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetKey;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.LeaseGrant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 30 processes sharing one SQLite store and a $1.00 project budget, each making concurrent
 * dense-prompt calls through a profile with a 2,000-word system prompt: the settled spend never
 * passes the limit, and the ledger has one row per answered call.
 */
class DenseBudgetProcessesTest {

    private static final int PROCESSES = 30;
    private static final int CALLS_EACH = 8;
    private static final Pattern RESULT = Pattern.compile("ok=(\\d+) refused=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void thirty_processes_never_push_shared_spend_past_the_limit() throws Exception {
        Path db = dir.resolve("baton.db");
        JdbcUsageLedger.open(db).close(); // schema first, so the children do not race to create it
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) children.add(start(db, dir.resolve("child-" + i + ".err")));
        long answered = 0;
        long refused = 0;
        for (int i = 0; i < PROCESSES; i++) {
            Process child = children.get(i);
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("child finished").isTrue();
            String out = new String(child.getInputStream().readAllBytes()).strip();
            assertThat(child.exitValue())
                    .as("child %d exit, output: %s, errors: %s", i, out, Files.readString(dir.resolve("child-" + i + ".err")))
                    .isZero();
            Matcher m = RESULT.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            answered += Long.parseLong(m.group(1));
            refused += Long.parseLong(m.group(2));
        }

        assertThat(answered + refused).isEqualTo(PROCESSES * CALLS_EACH);
        assertThat(refused).as("the limit binds").isPositive();
        try (SqliteDatabase database = SqliteDatabase.open(db)) {
            long[] ledger = database.read(c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(cost_nano_usd), 0) FROM usage_ledger")) {
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            });
            assertThat(ledger[0]).as("ledger rows = successes").isEqualTo(answered);
            assertThat(ledger[1]).as("ledger spend").isLessThanOrEqualTo(1_000_000_000L).isPositive();
            Instant now = Instant.now();
            LeaseGrant view = new JdbcBudgetStore(database, "observer").acquire(
                    new BudgetKey(BudgetScope.PROJECT, "*", "total"), BudgetAmount.ZERO, BudgetAmount.ZERO,
                    new BudgetAmount(1_000_000_000L, BudgetAmount.UNLIMITED), now, now.plusSeconds(60));
            assertThat(view.spent().nanoUsd()).as("settled spend = ledger").isEqualTo(ledger[1]);
            assertThat(view.spent().usd()).isLessThanOrEqualTo(new BigDecimal("1.00"));
        }
    }

    private Process start(Path db, Path errors) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // small, quickly started JVMs: 30 of them share 2 cores with the build
        return new ProcessBuilder(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), DenseBudgetChildMain.class.getName(),
                db.toString(), Integer.toString(CALLS_EACH), "1.00")
                .redirectError(errors.toFile()).start();
    }
}
