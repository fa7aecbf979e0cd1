package dev.baton.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Over what a budget limit counts: one run, a calendar day, a calendar month (both in the
 * enforcer's time zone, UTC by default) or all time. A period maps an instant (and a run id) to a
 * bucket name; spend is kept per bucket, so a new day starts from zero.
 */
public enum BudgetPeriod {
    RUN, DAY, MONTH, TOTAL;

    private static final DateTimeFormatter MONTH_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM");

    /** The bucket {@code now} (and {@code runId}, for RUN) falls into. */
    public String bucket(Instant now, ZoneId zone, String runId) {
        return switch (this) {
            case RUN -> "run:" + (runId == null ? "-" : runId);
            case DAY -> "day:" + LocalDate.ofInstant(now, zone);
            case MONTH -> "month:" + MONTH_FORMAT.format(LocalDate.ofInstant(now, zone));
            case TOTAL -> "total";
        };
    }

    /** When the bucket of {@code now} ends; {@code null} for periods that never reset by time. */
    public Instant resetsAt(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return switch (this) {
            case DAY -> today.plusDays(1).atStartOfDay(zone).toInstant();
            case MONTH -> today.withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant();
            case RUN, TOTAL -> null;
        };
    }
}
