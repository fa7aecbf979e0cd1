package dev.baton.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses ages such as {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w} (a bad one is a usage error). */
final class AgeArgument implements ITypeConverter<Duration> {

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        Matcher m = AGE.matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) throw new TypeConversionException("'" + value + "' is not an age like 30m, 24h or 7d");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
