package dev.baton.usage;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.baton.usage.internal.InMemoryBudgetStore;

class BudgetEnforcerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final InMemoryBudgetStore store = new InMemoryBudgetStore();
    private BudgetEnforcer enforcer;

    private static final BudgetSubject FAST = new BudgetSubject("fast", "openai", "key-1", "run-1");
    private static final BudgetSubject SLOW = new BudgetSubject("slow", "anthropic", null, "run-2");

    private BudgetEnforcer enforcer(BudgetLimit... limits) {
        enforcer = new BudgetEnforcer(List.of(limits), store, clock, BudgetOptions.DEFAULT);
        return enforcer;
    }

    @AfterEach
    void close() {
        if (enforcer != null) enforcer.close();
    }

    private static BudgetAmount usd(String usd) {
        return new BudgetAmount(BudgetAmount.toNanos(new BigDecimal(usd)), 100);
    }

    private static void spend(BudgetEnforcer e, BudgetSubject s, String usd) {
        e.reserve(s, usd(usd)).settle(new BigDecimal(usd), 100);
    }

    @Test
    void refuses_with_budget_exceeded_naming_the_limit_the_spend_and_the_reset() {
        BudgetEnforcer e = enforcer(BudgetLimit.usd(BudgetScope.PROFILE, "fast", BudgetPeriod.DAY, "0.05"));
        spend(e, FAST, "0.03");

        assertThatThrownBy(() -> e.reserve(FAST, usd("0.03"))).isInstanceOfSatisfying(BatonException.class, ex -> {
            assertThat(ex.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
            assertThat(ex.getMessage()).contains("profile 'fast' per day", "limit $0.05", "spent $0.03",
                    "this call needs up to $0.03", "resets at 2025-03-02T00:00:00Z");
            assertThat(ex.suggestion().orElseThrow()).contains("2025-03-02T00:00:00Z", "spent $0.03 of $0.05");
            assertThat(ex.retryAfter()).contains(Duration.ofHours(14));
        });
    }

    @Test
    void a_new_day_starts_from_zero() {
        BudgetEnforcer e = enforcer(BudgetLimit.usd(BudgetScope.PROFILE, "fast", BudgetPeriod.DAY, "0.05"));
        spend(e, FAST, "0.05");
        assertThatThrownBy(() -> e.reserve(FAST, usd("0.01"))).isInstanceOf(BatonException.class);

        clock.advance(Duration.ofHours(15));

        e.reserve(FAST, usd("0.05")).release();
    }

    @Test
    void limits_apply_only_to_their_key_and_a_keyless_limit_to_each_key_separately() {
        BudgetEnforcer e = enforcer(BudgetLimit.usd(BudgetScope.PROVIDER, "openai", BudgetPeriod.TOTAL, "0.01"),
                BudgetLimit.usd(BudgetScope.RUN, null, BudgetPeriod.TOTAL, "0.10"));
        spend(e, FAST, "0.01");

        assertThatThrownBy(() -> e.reserve(FAST, usd("0.01"))).hasMessageContaining("provider 'openai'");
        spend(e, SLOW, "0.05");
        spend(e, SLOW, "0.05");
        assertThatThrownBy(() -> e.reserve(SLOW, usd("0.01"))).hasMessageContaining("run 'run-2'");
    }

    @Test
    void the_tightest_of_overlapping_limits_wins() {
        BudgetEnforcer e = enforcer(BudgetLimit.usd(BudgetScope.PROFILE, null, BudgetPeriod.TOTAL, "1.00"),
                BudgetLimit.usd(BudgetScope.PROFILE, "fast", BudgetPeriod.TOTAL, "0.02"));
        spend(e, FAST, "0.02");

        assertThatThrownBy(() -> e.reserve(FAST, usd("0.01"))).hasMessageContaining("limit $0.02");
        spend(e, SLOW, "0.50");
    }

    @Test
    void token_limits_count_tokens() {
        BudgetEnforcer e = enforcer(new BudgetLimit(BudgetScope.PROJECT, null, BudgetPeriod.MONTH, null, 1_000L, null, null));
        e.reserve(FAST, new BudgetAmount(0, 800)).settle(BigDecimal.ZERO, 700);

        assertThatThrownBy(() -> e.reserve(FAST, new BudgetAmount(0, 400)))
                .isInstanceOfSatisfying(BatonException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                    assertThat(ex.getMessage()).contains("token limit 1000", "spent 700", "resets at 2025-04-01T00:00:00Z");
                });
        e.reserve(FAST, new BudgetAmount(0, 300)).release();
    }

    @Test
    void a_released_reservation_gives_its_headroom_back() {
        BudgetEnforcer e = enforcer(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, "0.03"));
        Reservation held = e.reserve(FAST, usd("0.03"));
        assertThatThrownBy(() -> e.reserve(FAST, usd("0.01"))).hasMessageContaining("reserved by calls in flight $0.03");

        held.release();

        e.reserve(FAST, usd("0.03")).release();
    }

    @Test
    void requests_per_minute_give_rate_limited_until_the_window_frees() {
        BudgetEnforcer e = enforcer(BudgetLimit.rate(BudgetScope.PROVIDER, "openai", 2, null));
        e.reserve(FAST, usd("0")).release();
        e.reserve(FAST, usd("0")).release();

        assertThatThrownBy(() -> e.reserve(FAST, usd("0"))).isInstanceOfSatisfying(BatonException.class, ex -> {
            assertThat(ex.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(ex.getMessage()).contains("provider 'openai'", "2 requests/min");
            assertThat(ex.retryAfter()).contains(Duration.ofSeconds(60));
        });
        e.reserve(SLOW, usd("0")).release();
        clock.advance(Duration.ofSeconds(61));
        e.reserve(FAST, usd("0")).release();
    }

    @Test
    void tokens_per_minute_count_the_actual_tokens_after_settling() {
        BudgetEnforcer e = enforcer(BudgetLimit.rate(BudgetScope.PROFILE, "fast", null, 1_000));
        e.reserve(FAST, new BudgetAmount(0, 900)).settle(BigDecimal.ZERO, 100);

        e.reserve(FAST, new BudgetAmount(0, 800)).release();
    }

    @Test
    void without_limits_no_store_is_touched() {
        BudgetEnforcer e = new BudgetEnforcer(List.of(), null, clock, BudgetOptions.DEFAULT);

        assertThat(e.reserve(FAST, usd("100"))).isSameAs(Reservation.NONE);
        assertThat(e.status()).isEmpty();
    }

    @Test
    void status_reports_spend_and_remaining_per_limit() {
        BudgetEnforcer e = enforcer(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.DAY, "2.00"),
                BudgetLimit.usd(BudgetScope.PROFILE, null, BudgetPeriod.TOTAL, "1.00"));
        spend(e, FAST, "0.25");
        spend(e, SLOW, "0.50");

        Map<String, BudgetStatus> byKey = new java.util.HashMap<>();
        e.status().forEach(s -> byKey.put(s.limit().scope() + ":" + s.scopeKey(), s));

        assertThat(byKey.get("PROJECT:*").spentUsd()).isEqualByComparingTo("0.75");
        assertThat(byKey.get("PROJECT:*").remainingUsd()).isEqualByComparingTo("1.25");
        assertThat(byKey.get("PROJECT:*").resetsAt()).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
        assertThat(byKey.get("PROFILE:fast").remainingUsd()).isEqualByComparingTo("0.75");
        assertThat(byKey.get("PROFILE:slow").spentUsd()).isEqualByComparingTo("0.50");
        assertThat(byKey.get("PROFILE:slow").resetsAt()).isNull();
    }

    @Test
    void two_processes_share_a_limit_through_the_store() {
        InMemoryBudgetStore.Shared shared = new InMemoryBudgetStore.Shared();
        BudgetLimit limit = BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, "0.10");
        try (BudgetEnforcer one = new BudgetEnforcer(List.of(limit), new InMemoryBudgetStore(shared, "one"), clock, BudgetOptions.DEFAULT);
             BudgetEnforcer two = new BudgetEnforcer(List.of(limit), new InMemoryBudgetStore(shared, "two"), clock, BudgetOptions.DEFAULT)) {
            int granted = 0;
            for (int i = 0; i < 20; i++) {
                for (BudgetEnforcer e : List.of(one, two)) {
                    try {
                        spend(e, FAST, "0.01");
                        granted++;
                    } catch (BatonException ex) {
                        assertThat(ex.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                    }
                }
                clock.advance(Duration.ofSeconds(2));
            }
            assertThat(granted).isEqualTo(10);
        }
    }

    @Test
    void a_run_budget_is_a_reservation_its_child_runs_share_until_the_run_closes() {
        BudgetEnforcer e = enforcer();
        RunBudgetScope parent = e.openRun("run-1", null, new BigDecimal("1.00"), null);
        RunBudgetScope child = e.openRun("child", "run-1", null, null);
        BudgetSubject inChild = new BudgetSubject("fast", "openai", null, "child");

        Reservation held = e.reserve(FAST, usd("0.60"));
        assertThatThrownBy(() -> e.reserve(inChild, usd("0.50")))
                .isInstanceOfSatisfying(BatonException.class, b -> {
                    assertThat(b.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                    assertThat(b.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("run's budget"));
                });
        held.settle(new BigDecimal("0.20"), 0);
        e.reserve(inChild, usd("0.80")).settle(new BigDecimal("0.30"), 0);
        assertThatThrownBy(() -> e.reserve(FAST, usd("0.51"))).isInstanceOf(BatonException.class);
        assertThat(e.reserve(SLOW, usd("5")).worst()).as("another run is not limited").isEqualTo(BudgetAmount.ZERO);

        child.close();
        parent.close();
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.reserve(FAST, usd("5"))).isSameAs(Reservation.NONE);
    }
}
