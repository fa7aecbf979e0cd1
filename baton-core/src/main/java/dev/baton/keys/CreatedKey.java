package dev.baton.keys;

import dev.baton.secret.Secret;

/**
 * A key just made, with its secret: the only time the secret exists outside the caller's hands.
 * Show it once and drop it; the store keeps only its hash.
 */
public record CreatedKey(ApiKey key, Secret secret) {
}
