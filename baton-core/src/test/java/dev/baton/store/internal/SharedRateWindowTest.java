package dev.baton.store.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.store.StoreSettings;
import dev.baton.testkit.MutableClock;
import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.BudgetStore;
import dev.baton.usage.BudgetSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** rpm/tpm windows: shared by replicas on PostgreSQL, per process on SQLite (one machine). */
class SharedRateWindowTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:05Z"));
    private static final BudgetSubject CALL = new BudgetSubject("fast", "openai", null, null);
    private static final BudgetAmount WORST = new BudgetAmount(0, 100);

    @Test
    void givenTwoReplicasOnPostgres_whenBothCallWithinOneMinute_thenTogetherTheyStayWithinTheRpm() {
        StoreSettings settings = TestStores.settingsOfFreshDatabase(2);
        List<StoreDatabase> dbs = List.of(TestStores.open(settings), TestStores.open(settings));
        try {
            int admitted = admittedOf(List.of(new JdbcBudgetStore(dbs.get(0)), new JdbcBudgetStore(dbs.get(1))));

            assertThat(admitted).as("10 rpm across both replicas").isEqualTo(10);
        } finally {
            dbs.forEach(StoreDatabase::close);
        }
    }

    @Test
    void givenTwoProcessesOnSqlite_whenBothCall_thenEachKeepsItsOwnWindow() {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("baton.db"));
        try {
            int admitted = admittedOf(List.of(new JdbcBudgetStore(db), new JdbcBudgetStore(db)));

            assertThat(admitted).as("a window per process on one machine").isEqualTo(20);
        } finally {
            db.close();
        }
    }

    @Test
    void givenTheSharedWindowIsFull_whenTheNextMinuteStarts_thenCallsAreAdmittedAgain() {
        StoreSettings settings = TestStores.settingsOfFreshDatabase(2);
        StoreDatabase db = TestStores.open(settings);
        try (BudgetEnforcer enforcer = enforcer(new JdbcBudgetStore(db))) {
            for (int i = 0; i < 10; i++) enforcer.reserve(CALL, WORST).settle(null, 50);
            assertThat(refusal(enforcer)).isEqualTo(ErrorCode.RATE_LIMITED);

            clock.advance(java.time.Duration.ofSeconds(61));

            assertThat(refusal(enforcer)).as("a new minute, a new window").isNull();
        } finally {
            db.close();
        }
    }

    /** One enforcer (process) per store, 20 calls each; how many were admitted. */
    private int admittedOf(List<BudgetStore> stores) {
        List<BudgetEnforcer> replicas = new ArrayList<>();
        for (BudgetStore store : stores) replicas.add(enforcer(store));
        int admitted = 0;
        try {
            for (int i = 0; i < 20; i++) {
                for (BudgetEnforcer e : replicas) {
                    if (refusal(e) == null) admitted++;
                }
            }
        } finally {
            replicas.forEach(BudgetEnforcer::close);
        }
        return admitted;
    }

    private BudgetEnforcer enforcer(BudgetStore store) {
        return new BudgetEnforcer(List.of(BudgetLimit.rate(BudgetScope.PROJECT, null, 10, null)), store, clock,
                BudgetOptions.DEFAULT);
    }

    /** Makes one call's reservation and settles it; the refusal's code, or null when admitted. */
    private static ErrorCode refusal(BudgetEnforcer enforcer) {
        try {
            enforcer.reserve(CALL, WORST).settle(null, 50);
            return null;
        } catch (BatonException e) {
            return e.code();
        }
    }
}
