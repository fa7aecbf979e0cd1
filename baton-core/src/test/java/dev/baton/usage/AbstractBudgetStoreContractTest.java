package dev.baton.usage;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link BudgetStore} passes (SQLite, in-memory; PostgreSQL later). */
public abstract class AbstractBudgetStoreContractTest {

    protected static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final long USD = 1_000_000_000L;
    private static final BudgetKey KEY = new BudgetKey(BudgetScope.PROJECT, "*", "total");
    private static final BudgetAmount ONE_DOLLAR = new BudgetAmount(USD, BudgetAmount.UNLIMITED);

    /** A store for {@code owner}; every store a test asks for shares one backing state. */
    protected abstract BudgetStore store(String owner);

    private static BudgetAmount usd(double dollars) {
        return new BudgetAmount(Math.round(dollars * USD), 0);
    }

    private static LeaseGrant acquire(BudgetStore s, double need, double want, Instant now, Duration ttl) {
        return s.acquire(KEY, usd(need), usd(want), ONE_DOLLAR, now, now.plus(ttl));
    }

    @Test
    void leases_stay_within_the_limit_across_owners() {
        BudgetStore a = store("a");
        BudgetStore b = store("b");

        LeaseGrant first = acquire(a, 0.3, 0.6, NOW, Duration.ofMinutes(1));
        LeaseGrant tooMuch = acquire(b, 0.5, 0.5, NOW, Duration.ofMinutes(1));
        LeaseGrant rest = acquire(b, 0.1, 0.5, NOW, Duration.ofMinutes(1));

        assertThat(first.granted()).isTrue();
        assertThat(first.lease()).isEqualTo(usd(0.6));
        assertThat(tooMuch.granted()).isFalse();
        assertThat(tooMuch.heldByOthers()).isEqualTo(usd(0.6));
        assertThat(rest.granted()).isTrue();
        assertThat(rest.lease()).as("capped at what is left").isEqualTo(usd(0.4));
    }

    @Test
    void a_settlement_moves_spend_from_the_lease_to_the_counter() {
        BudgetStore a = store("a");
        acquire(a, 0.5, 0.5, NOW, Duration.ofMinutes(1));

        a.settle(KEY, usd(0.2), NOW.plus(Duration.ofMinutes(1)));
        a.flush();

        assertThat(a.spends(BudgetScope.PROJECT, "*", "total", NOW)).singleElement().satisfies(s -> {
            assertThat(s.spent()).isEqualTo(usd(0.2));
            assertThat(s.leased()).isEqualTo(usd(0.3));
        });
        LeaseGrant next = acquire(store("b"), 0.5, 0.5, NOW, Duration.ofMinutes(1));
        assertThat(next.spent()).isEqualTo(usd(0.2));
        assertThat(next.lease()).isEqualTo(usd(0.5));
    }

    @Test
    void an_acquisition_sees_settlements_queued_before_it() {
        BudgetStore a = store("a");
        acquire(a, 1.0, 1.0, NOW, Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) a.settle(KEY, usd(0.001), NOW.plus(Duration.ofMinutes(1)));

        LeaseGrant again = acquire(a, 0, 0, NOW, Duration.ofMinutes(1));

        assertThat(again.spent()).isEqualTo(usd(0.1));
        assertThat(again.lease()).isEqualTo(usd(0.9));
    }

    @Test
    void leases_of_an_owner_that_stopped_renewing_expire() {
        BudgetStore dead = store("dead");
        acquire(dead, 0.9, 0.9, NOW, Duration.ofSeconds(5));
        BudgetStore alive = store("alive");

        assertThat(acquire(alive, 0.5, 0.5, NOW.plusSeconds(1), Duration.ofMinutes(1)).granted()).isFalse();
        LeaseGrant later = acquire(alive, 0.5, 0.5, NOW.plusSeconds(6), Duration.ofMinutes(1));

        assertThat(later.granted()).isTrue();
        assertThat(later.heldByOthers()).isEqualTo(BudgetAmount.ZERO);
    }

    @Test
    void renewal_extends_own_leases_and_reports_them() {
        BudgetStore a = store("a");
        acquire(a, 0.5, 0.5, NOW, Duration.ofSeconds(5));

        Map<BudgetKey, BudgetAmount> alive = a.renew(NOW.plusSeconds(60));
        LeaseGrant other = acquire(store("b"), 0.6, 0.6, NOW.plusSeconds(30), Duration.ofMinutes(1));

        assertThat(alive).containsEntry(KEY, usd(0.5));
        assertThat(other.granted()).as("a's renewed lease still holds").isFalse();
    }

    @Test
    void release_gives_the_headroom_back() {
        BudgetStore a = store("a");
        acquire(a, 0.9, 0.9, NOW, Duration.ofMinutes(1));

        a.release();

        assertThat(acquire(store("b"), 0.9, 0.9, NOW, Duration.ofMinutes(1)).granted()).isTrue();
        assertThat(a.renew(NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void a_dimension_without_limit_is_not_leased() {
        BudgetStore a = store("a");
        BudgetAmount tokensOnly = new BudgetAmount(BudgetAmount.UNLIMITED, 1_000);

        LeaseGrant g = a.acquire(KEY, new BudgetAmount(5 * USD, 400), new BudgetAmount(5 * USD, 500), tokensOnly, NOW,
                NOW.plusSeconds(60));

        assertThat(g.granted()).isTrue();
        assertThat(g.lease()).isEqualTo(new BudgetAmount(0, 500));
    }

    @Test
    void spends_filter_by_scope_key_and_bucket_prefix() {
        BudgetStore a = store("a");
        BudgetKey day1 = new BudgetKey(BudgetScope.PROFILE, "fast", "day:2025-03-01");
        BudgetKey day2 = new BudgetKey(BudgetScope.PROFILE, "slow", "day:2025-03-02");
        a.settle(day1, usd(0.1), NOW.plusSeconds(60));
        a.settle(day2, usd(0.2), NOW.plusSeconds(60));
        a.flush();

        assertThat(a.spends(BudgetScope.PROFILE, null, "day:", NOW)).hasSize(2);
        assertThat(a.spends(BudgetScope.PROFILE, "fast", "day:", NOW)).singleElement()
                .satisfies(s -> assertThat(s.spent()).isEqualTo(usd(0.1)));
        assertThat(a.spends(BudgetScope.PROFILE, null, "day:2025-03-02", NOW)).singleElement()
                .satisfies(s -> assertThat(s.key()).isEqualTo(day2));
        assertThat(a.spends(BudgetScope.PROJECT, null, "", NOW)).isEmpty();
    }
}
