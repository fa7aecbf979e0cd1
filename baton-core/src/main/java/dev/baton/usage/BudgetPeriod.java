package dev.baton.usage;

import java.time.Instant;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * Over what a budget limit counts: one run, a calendar day, an ISO week (Monday to Sunday), a
 * calendar month (all in the enforcer's time zone, UTC by default) or all time. A period maps an instant (and a run id) to a
 * bucket name; spend is kept per bucket, so a new day starts from zero.
 */
public enum BudgetPeriod {
    RUN, DAY, WEEK, MONTH, TOTAL;

    private static final DateTimeFormatter MONTH_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM");

    /** The bucket {@code now} (and {@code runId}, for RUN) falls into. */
    public String bucket(Instant now, ZoneId zone, String runId) {
        return switch (this) {
            case RUN -> "run:" + (runId == null ? "-" : runId);
            case DAY -> "day:" + LocalDate.ofInstant(now, zone);
            case WEEK -> "week:" + isoWeek(LocalDate.ofInstant(now, zone));
            case MONTH -> "month:" + MONTH_FORMAT.format(LocalDate.ofInstant(now, zone));
            case TOTAL -> "total";
        };
    }

    /** When the bucket of {@code now} ends; {@code null} for periods that never reset by time. */
    public Instant resetsAt(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return switch (this) {
            case DAY -> today.plusDays(1).atStartOfDay(zone).toInstant();
            case WEEK -> today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
            case MONTH -> today.withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant();
            case RUN, TOTAL -> null;
        };
    }

    /** {@code 2026-W01}: the ISO week-based year and week (a week belongs to the year of its Thursday). */
    private static String isoWeek(LocalDate date) {
        return String.format(java.util.Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
