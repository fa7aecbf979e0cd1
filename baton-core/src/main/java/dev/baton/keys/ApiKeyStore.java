package dev.baton.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where API keys are kept: one row per key ever made, with the SHA-256 of its secret (hex), never
 * the secret. SQLite or PostgreSQL behind the same calls; every replica on one store sees the
 * same keys. Thread-safe.
 */
public interface ApiKeyStore {

    /** A stored key with the hash of its secret. */
    record StoredKey(ApiKey key, String secretSha256) {
    }

    /**
     * Stores {@code key} (live) with {@code secretSha256}, unless a live key has its name.
     *
     * @return the live key that has the name (nothing stored), or empty when stored
     */
    Optional<ApiKey> insertUnlessNameTaken(ApiKey key, String secretSha256);

    /**
     * Marks the live key with id (preferred) or name {@code idOrName} revoked at {@code at}.
     *
     * @return the key as revoked, or empty when no live key has that id or name
     */
    Optional<ApiKey> revoke(String idOrName, Instant at);

    /** The live key whose secret hashes to {@code secretSha256}. */
    Optional<StoredKey> liveByHash(String secretSha256);

    /** The key with id {@code id}, live or revoked. */
    Optional<ApiKey> byId(String id);

    /** The live keys, oldest first. */
    List<ApiKey> live();
}
