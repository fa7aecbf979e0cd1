package dev.baton.keys.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.keys.ApiKey;
import dev.baton.keys.ApiKeys;
import dev.baton.keys.CreatedKey;
import dev.baton.keys.KeySpec;
import dev.baton.secret.Secret;
import dev.baton.keys.ApiKeyStore;
import dev.baton.usage.ApiKeyLimits;
import dev.baton.usage.BudgetLimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The key store over the {@code api_keys} table, with a cache of authenticated keys by the hash
 * of their secret. A cached key is trusted for {@code recheck} (then read again, which is how a
 * revocation made by another process is seen); a revocation made here drops it from the cache at
 * once and tells {@code onRevoke} (the budget enforcer forgets the key). A secret that matched no
 * key is remembered as unknown for {@code recheck} too, so a client retrying a bad key does not
 * read the database on each request. Also the budget enforcer's source of per-key limits.
 */
public final class DefaultApiKeys implements ApiKeys, ApiKeyLimits {

    /** How long an authenticated key is trusted before the database is asked again. */
    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(2);
    static final String SECRET_PREFIX = "bk_";
    static final String ID_PREFIX = "k_";
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_LENGTH = SECRET_PREFIX.length() + 43;
    /** Unknown secrets remembered at most; the set is cleared when full (a flood of bad keys costs reads, not memory). */
    private static final int MAX_UNKNOWN = 10_000;

    private final ApiKeyStore store;
    private final Clock clock;
    private final long recheckMillis;
    private final Consumer<String> onRevoke;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> byHash = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> unknown = new ConcurrentHashMap<>();

    private record Cached(ApiKey key, byte[] hash, long checkedMillis) {
    }

    public DefaultApiKeys(ApiKeyStore store, Clock clock, Duration recheck, Consumer<String> onRevoke) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recheckMillis = recheck.toMillis();
        this.onRevoke = Objects.requireNonNull(onRevoke, "onRevoke");
    }

    @Override
    public CreatedKey create(KeySpec spec) {
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(secretBytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        ApiKey key = new ApiKey(ID_PREFIX + HexFormat.of().formatHex(idBytes), spec.name(), now(), null,
                spec.budgetUsd(), spec.period(), spec.rpm(), spec.tpm(), spec.profiles());
        Optional<ApiKey> taken = store.insertUnlessNameTaken(key, HexFormat.of().formatHex(sha256(secret)));
        if (taken.isPresent()) {
            throw BatonException.builder(ErrorCode.INVALID_REQUEST,
                            "a live API key named '" + spec.name() + "' exists (" + taken.get().id() + ")")
                    .suggestion("Pick another name, or revoke that key first: baton keys revoke " + spec.name())
                    .build();
        }
        return new CreatedKey(key, Secret.of(secret));
    }

    @Override
    public List<ApiKey> list() {
        return store.live();
    }

    @Override
    public ApiKey revoke(String idOrName) {
        ApiKey revoked = store.revoke(idOrName, now()).orElseThrow(() ->
                BatonException.builder(ErrorCode.NOT_FOUND, "no live API key has the id or name '" + idOrName + "'")
                        .suggestion("See the live keys with: baton keys list").build());
        byHash.values().removeIf(c -> c.key().id().equals(revoked.id()));
        onRevoke.accept(revoked.id());
        return revoked;
    }

    @Override
    public Optional<ApiKey> authenticate(String secret) {
        // a value that cannot be a secret never reaches the database
        if (secret == null || secret.length() != SECRET_LENGTH || !secret.startsWith(SECRET_PREFIX)) return Optional.empty();
        byte[] hash = sha256(secret);
        String hex = HexFormat.of().formatHex(hash);
        long now = clock.millis();
        Cached cached = byHash.get(hex);
        if (cached != null && now - cached.checkedMillis() < recheckMillis && MessageDigest.isEqual(cached.hash(), hash)) {
            return Optional.of(cached.key());
        }
        Long missedAt = unknown.get(hex);
        if (missedAt != null && now - missedAt < recheckMillis) return Optional.empty();
        Optional<ApiKeyStore.StoredKey> stored = store.liveByHash(hex);
        if (stored.isPresent() && MessageDigest.isEqual(HexFormat.of().parseHex(stored.get().secretSha256()), hash)) {
            unknown.remove(hex);
            byHash.put(hex, new Cached(stored.get().key(), hash, now));
            return Optional.of(stored.get().key());
        }
        if (cached != null && byHash.remove(hex, cached)) onRevoke.accept(cached.key().id());
        if (unknown.size() >= MAX_UNKNOWN) unknown.clear();
        unknown.put(hex, now);
        return Optional.empty();
    }

    /** The limits of live key {@code keyId} (none for an unknown or revoked key). */
    @Override
    public List<BudgetLimit> limitsOf(String keyId) {
        return store.byId(keyId).filter(ApiKey::live).map(ApiKey::limits).orElse(List.of());
    }

    @Override
    public List<BudgetLimit> allLimits() {
        return list().stream().flatMap(k -> k.limits().stream()).toList();
    }

    /** Now, to the millisecond the database keeps: a key reads the same when made and when listed. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * SHA-256 of {@code secret}. The digest is cloned from a prototype: {@code getInstance} looks
     * the algorithm up and checks the crypto constraints on every call, and this runs per request.
     */
    static byte[] sha256(String secret) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha256(); // a provider whose digest cannot be cloned: look it up each time
        }
        return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static final MessageDigest SHA256 = newSha256();

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
