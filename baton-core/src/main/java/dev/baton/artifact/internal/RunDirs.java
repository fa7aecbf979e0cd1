package dev.baton.artifact.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Run directory names: {@code yyyyMMdd-HHmmss-SSS} with an optional {@code -N} suffix for same-millisecond runs. */
final class RunDirs {

    static final Pattern NAME = Pattern.compile("(\\d{8}-\\d{6}-\\d{3})(?:-(\\d+))?");

    private RunDirs() {
    }

    static boolean isRunDir(String name) {
        return NAME.matcher(name).matches();
    }

    /** Orders names by time, then suffix. */
    static int compare(String a, String b) {
        Matcher ma = NAME.matcher(a);
        Matcher mb = NAME.matcher(b);
        if (!ma.matches() || !mb.matches()) return a.compareTo(b);
        int c = ma.group(1).compareTo(mb.group(1));
        if (c != 0) return c;
        return Integer.compare(suffix(ma), suffix(mb));
    }

    private static int suffix(Matcher m) {
        return m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    }

    /** When the run named {@code name} started, in {@code zone}; null when the name is not a run directory. */
    static Instant startedAt(String name, ZoneId zone) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) return null;
        try {
            return LocalDateTime.parse(m.group(1), ArtifactWriter.DIR_NAME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
