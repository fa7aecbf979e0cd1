package dev.baton.config;

import dev.baton.secret.Secret;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored provider key as listings show it: the provider name, a hint holding at most the last
 * four characters of the key ({@link Secret#hint()}, e.g. {@code ****abcd}), and when it was stored.
 * Never holds the key itself.
 */
public record StoredCredential(String provider, String hint, Instant addedAt) {
    public StoredCredential {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(hint, "hint");
    }
}
