package dev.baton.cli;

import java.time.Duration;

/** Parses the CLI's short durations: {@code 30s}, {@code 15m}, {@code 24h}, {@code 7d}. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text, String option) {
        String t = text == null ? "" : text.strip().toLowerCase();
        if (t.length() < 2) throw new UsageException(option + ": expected a duration like 30m, 24h or 7d, got '" + text + "'");
        long n;
        try {
            n = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": expected a duration like 30m, 24h or 7d, got '" + text + "'");
        }
        if (n < 0) throw new UsageException(option + ": a duration cannot be negative");
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            case 'w' -> Duration.ofDays(7 * n);
            default -> throw new UsageException(option + ": unknown unit in '" + text + "' (use s, m, h, d or w)");
        };
    }
}
