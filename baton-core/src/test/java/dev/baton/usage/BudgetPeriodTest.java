package dev.baton.usage;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetPeriodTest {

    @Test
    void a_week_is_the_iso_week_from_monday_in_utc() {
        Instant sunday = Instant.parse("2026-03-08T23:59:59Z");
        Instant monday = Instant.parse("2026-03-09T00:00:00Z");

        assertThat(BudgetPeriod.WEEK.bucket(sunday, ZoneOffset.UTC, null)).isEqualTo("week:2026-W10");
        assertThat(BudgetPeriod.WEEK.bucket(monday, ZoneOffset.UTC, null)).isEqualTo("week:2026-W11");
        assertThat(BudgetPeriod.WEEK.resetsAt(sunday, ZoneOffset.UTC)).isEqualTo(monday);
        assertThat(BudgetPeriod.WEEK.resetsAt(monday, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
    }

    @Test
    void a_week_across_new_year_belongs_to_the_year_of_its_thursday() {
        // 2026-12-31 is a Thursday: week 53 of 2026; 2027-01-01 (Friday) is still in it
        assertThat(BudgetPeriod.WEEK.bucket(Instant.parse("2027-01-01T12:00:00Z"), ZoneOffset.UTC, null))
                .isEqualTo("week:2026-W53");
        // 2024-12-30 is a Monday of week 1 of 2025
        assertThat(BudgetPeriod.WEEK.bucket(Instant.parse("2024-12-30T00:00:00Z"), ZoneOffset.UTC, null))
                .isEqualTo("week:2025-W01");
    }
}
