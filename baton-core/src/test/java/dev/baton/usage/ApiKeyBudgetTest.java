package dev.baton.usage;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.testkit.MutableClock;
import dev.baton.usage.internal.InMemoryBudgetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each Baton API key's own limits, asked of a source on the key's first call, besides the configured ones. */
class ApiKeyBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:00:00Z"));
    private final InMemoryBudgetStore store = new InMemoryBudgetStore();
    private final Map<String, List<BudgetLimit>> keyLimits = new ConcurrentHashMap<>();
    private final AtomicInteger asked = new AtomicInteger();
    private BudgetEnforcer enforcer;

    private static BudgetSubject call(String batonKey) {
        return new BudgetSubject("fast", "openai", "openai:****abcd", null, batonKey);
    }

    private BudgetEnforcer enforcer(BudgetLimit... configured) {
        enforcer = new BudgetEnforcer(List.of(configured), store, clock, BudgetOptions.DEFAULT);
        enforcer.keyLimits(id -> {
            asked.incrementAndGet();
            return keyLimits.getOrDefault(id, List.of());
        });
        return enforcer;
    }

    @AfterEach
    void close() {
        if (enforcer != null) enforcer.close();
    }

    private static BudgetAmount usd(String usd) {
        return new BudgetAmount(BudgetAmount.toNanos(new BigDecimal(usd)), 10);
    }

    private static void spend(BudgetEnforcer e, BudgetSubject s, String usd) {
        e.reserve(s, usd(usd)).settle(new BigDecimal(usd), 10);
    }

    @Test
    void a_keys_usd_budget_refuses_that_key_only_with_budget_exceeded() {
        keyLimits.put("k_a", List.of(new BudgetLimit(BudgetScope.API_KEY, "k_a", BudgetPeriod.DAY, new BigDecimal("0.05"), null, null, null)));
        BudgetEnforcer e = enforcer();
        assertThat(e.isEmpty()).as("key limits may apply to any call").isFalse();

        spend(e, call("k_a"), "0.04");

        assertThatThrownBy(() -> e.reserve(call("k_a"), usd("0.02"))).isInstanceOfSatisfying(BatonException.class, ex -> {
            assertThat(ex.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
            assertThat(ex.getMessage()).contains("api key 'k_a' per day");
        });
        spend(e, call("k_b"), "0.50");
        spend(e, call(null), "0.50");
        assertThat(asked).as("asked once per key").hasValue(2);
    }

    @Test
    void a_keys_rpm_refuses_with_rate_limited_and_the_configured_limits_still_apply() {
        keyLimits.put("k_a", List.of(BudgetLimit.rate(BudgetScope.API_KEY, "k_a", 2, null)));
        BudgetEnforcer e = enforcer(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, "0.03"));

        spend(e, call("k_a"), "0.01");
        spend(e, call("k_a"), "0.01");

        assertThatThrownBy(() -> e.reserve(call("k_a"), usd("0.001")))
                .isInstanceOfSatisfying(BatonException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        spend(e, call("k_b"), "0.01");
        assertThatThrownBy(() -> e.reserve(call("k_b"), usd("0.01")))
                .isInstanceOfSatisfying(BatonException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED));
        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> e.reserve(call("k_a"), usd("0.01"))).hasMessageContaining("project");
    }

    @Test
    void a_keyless_configured_api_key_limit_counts_each_baton_key_separately_and_merges_with_the_keys_own() {
        keyLimits.put("k_a", List.of(new BudgetLimit(BudgetScope.API_KEY, "k_a", BudgetPeriod.TOTAL, new BigDecimal("0.02"), null, null, null)));
        BudgetEnforcer e = enforcer(new BudgetLimit(BudgetScope.API_KEY, null, BudgetPeriod.TOTAL, new BigDecimal("0.05"), null, null, null));

        spend(e, call("k_a"), "0.02");
        spend(e, call("k_b"), "0.04");

        assertThatThrownBy(() -> e.reserve(call("k_a"), usd("0.01"))).hasMessageContaining("limit $0.02");
        assertThatThrownBy(() -> e.reserve(call("k_b"), usd("0.02"))).hasMessageContaining("limit $0.05");
        // without a Baton key, scope api_key is the credential
        spend(e, call(null), "0.05");
        assertThatThrownBy(() -> e.reserve(call(null), usd("0.01"))).hasMessageContaining("openai:****abcd");
    }

    @Test
    void a_source_only_sets_limits_of_the_key_it_was_asked_about() {
        keyLimits.put("k_a", List.of(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, "0"),
                BudgetLimit.usd(BudgetScope.API_KEY, "k_other", BudgetPeriod.TOTAL, "0")));
        BudgetEnforcer e = enforcer();

        spend(e, call("k_a"), "1");
    }

    @Test
    void a_reloaded_key_is_asked_again_and_the_key_limits_show_in_status() {
        keyLimits.put("k_a", List.of(BudgetLimit.usd(BudgetScope.API_KEY, "k_a", BudgetPeriod.WEEK, "1")));
        BudgetEnforcer e = enforcer();
        spend(e, call("k_a"), "0.25");

        assertThat(e.status()).singleElement().satisfies(s -> {
            assertThat(s.scopeKey()).isEqualTo("k_a");
            assertThat(s.bucket()).isEqualTo("week:2026-W10");
            assertThat(s.spentUsd()).isEqualByComparingTo("0.25");
            assertThat(s.resetsAt()).isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
        });

        keyLimits.put("k_a", List.of());
        e.reloadKey("k_a");
        spend(e, call("k_a"), "5");

        assertThat(asked).hasValue(2);
        assertThat(e.status()).isEmpty();
    }

    @Test
    void without_a_source_a_keyed_call_is_held_to_the_configured_limits_only() {
        enforcer = new BudgetEnforcer(List.of(), store, clock, BudgetOptions.DEFAULT);

        assertThat(enforcer.isEmpty()).isTrue();
        assertThat(enforcer.reserve(call("k_a"), usd("100"))).isSameAs(Reservation.NONE);
    }

    @Test
    void is_empty_for_a_call_only_when_no_configured_limit_and_no_limit_of_its_key_can_apply() {
        keyLimits.put("k_capped", List.of(BudgetLimit.rate(BudgetScope.API_KEY, "k_capped", 5, null)));
        BudgetEnforcer e = enforcer();

        assertThat(e.isEmptyFor(null)).isTrue();
        assertThat(e.isEmptyFor("k_free")).as("not known yet").isFalse();
        e.reserve(call("k_free"), usd("1")).release();
        e.reserve(call("k_capped"), usd("1")).release();

        assertThat(e.isEmptyFor("k_free")).isTrue();
        assertThat(e.isEmptyFor("k_capped")).isFalse();
    }
}
