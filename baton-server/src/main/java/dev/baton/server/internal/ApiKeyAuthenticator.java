package dev.baton.server.internal;

import dev.baton.keys.ApiKey;
import dev.baton.keys.ApiKeys;
import dev.baton.server.Authenticator;
import dev.baton.server.Caller;

import java.util.Optional;

/**
 * Authenticates with Baton's API keys: a live key's caller is its id, its name and the profiles it
 * may call (empty: all). The key store answers from memory and rechecks revocation every few
 * seconds, so this is cheap enough for every request.
 */
public final class ApiKeyAuthenticator implements Authenticator {

    private final ApiKeys keys;

    public ApiKeyAuthenticator(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Optional<Caller> authenticate(String presentedKey) {
        return keys.authenticate(presentedKey).map(ApiKeyAuthenticator::caller);
    }

    static Caller caller(ApiKey key) {
        return new Caller(key.id(), key.name(), java.util.Set.copyOf(key.profiles()));
    }
}
