package dev.baton.provider.scripted.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Deterministic sample strings for the JSON Schema formats, and a lenient check that a string
 * has a format (used to choose between candidates, not to validate user data).
 */
final class StringFormats {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

    private StringFormats() {
    }

    /** A sample of {@code format}, varied by {@code ordinal}; null for a format it does not know. */
    static String sample(String format, String name, int ordinal) {
        int n = ordinal + 1;
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "date-time" -> String.format(Locale.ROOT, "2024-01-%02dT12:00:00Z", 1 + ordinal % 28);
            case "date" -> String.format(Locale.ROOT, "2024-01-%02d", 1 + ordinal % 28);
            case "time" -> String.format(Locale.ROOT, "12:%02d:00Z", ordinal % 60);
            case "duration" -> "PT" + n + "H";
            case "email", "idn-email" -> (ordinal == 0 ? "user" : "user" + n) + "@example.com";
            case "hostname", "idn-hostname" -> ordinal == 0 ? "example.com" : "host" + n + ".example.com";
            case "ipv4" -> "192.0.2." + (1 + ordinal % 254);
            case "ipv6" -> "2001:db8::" + Integer.toHexString(1 + ordinal % 0xfffe);
            case "uri", "iri" -> "https://example.com/" + slug(name) + (ordinal == 0 ? "" : "/" + n);
            case "uri-reference", "iri-reference" -> "/" + slug(name) + (ordinal == 0 ? "" : "/" + n);
            case "uri-template" -> "https://example.com/" + slug(name) + "/{id}";
            case "uuid" -> UUID.nameUUIDFromBytes(("baton-scripted:" + name + ":" + ordinal)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            case "json-pointer" -> "/" + slug(name);
            case "relative-json-pointer" -> Integer.toString(ordinal);
            case "regex" -> "^[a-z]+$";
            default -> null;
        };
    }

    /** Whether {@code text} plausibly has {@code format}; unknown formats always pass. */
    static boolean conforms(String format, String text) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "date-time" -> parses(() -> OffsetDateTime.parse(text));
            case "date" -> parses(() -> LocalDate.parse(text));
            case "email", "idn-email" -> EMAIL.matcher(text).matches();
            case "uuid" -> UUID_PATTERN.matcher(text).matches();
            case "ipv4" -> IPV4.matcher(text).matches();
            case "uri", "iri" -> absoluteUri(text);
            default -> true;
        };
    }

    private static String slug(String name) {
        String slug = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "resource" : slug;
    }

    private static boolean absoluteUri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
