package dev.baton.keys;

import java.util.List;
import java.util.Optional;

/**
 * The API keys of the HTTP server, kept in Baton's database next to the usage ledger. A secret is
 * {@code bk_} and 43 base64url characters (256 random bits); only its SHA-256 is stored.
 * {@link #authenticate} is on every request's path: it answers from memory once a key was seen,
 * rechecking the database for revocation at most every few seconds (so a key revoked by another
 * process stops working within that time; one revoked through this instance stops at once).
 * Thread-safe.
 */
public interface ApiKeys {

    /**
     * Makes a key.
     *
     * @throws dev.baton.error.BatonException {@code INVALID_REQUEST} when a live key has that name
     */
    CreatedKey create(KeySpec spec);

    /** The live keys, oldest first (never a secret). */
    List<ApiKey> list();

    /**
     * Revokes the live key with id or name {@code idOrName}; its requests are refused from then on.
     *
     * @return the key as revoked
     * @throws dev.baton.error.BatonException {@code NOT_FOUND} when no live key has that id or name
     */
    ApiKey revoke(String idOrName);

    /** The live key whose secret is {@code secret}, or empty. */
    Optional<ApiKey> authenticate(String secret);
}
