package dev.baton.server;

import java.util.Optional;

/**
 * Tells who presented a key: the caller it belongs to, or empty when it is unknown or revoked.
 * Implementations compare secrets in constant time and never log them.
 */
@FunctionalInterface
public interface Authenticator {

    /** The caller {@code presentedKey} (the bearer token or {@code x-api-key} value) belongs to. */
    Optional<Caller> authenticate(String presentedKey);

    /** Tries this one, then {@code next}. */
    default Authenticator or(Authenticator next) {
        return key -> {
            Optional<Caller> c = authenticate(key);
            return c.isPresent() ? c : next.authenticate(key);
        };
    }
}
