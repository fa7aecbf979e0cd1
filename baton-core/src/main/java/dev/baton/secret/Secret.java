package dev.baton.secret;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A credential. Its value is reachable only through {@link #reveal()}; {@code toString()},
 * equality and hashing never expose it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** A secret holding the given value, or null when the value is null or blank. */
    public static @Nullable Secret ofNullable(@Nullable String value) {
        return value == null || value.isBlank() ? null : new Secret(value.strip());
    }

    public static Secret of(String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("empty secret");
        return new Secret(value.strip());
    }

    /** The raw value, for putting on the wire only. */
    public String reveal() {
        return value;
    }

    /** The last four characters, for showing which key is in use. */
    public String hint() {
        return value.length() <= 8 ? "****" : "****" + value.substring(value.length() - 4);
    }

    /** Replaces every occurrence of this secret in {@code text} with a mask. */
    public @Nullable String scrub(@Nullable String text) {
        return text == null ? null : text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
