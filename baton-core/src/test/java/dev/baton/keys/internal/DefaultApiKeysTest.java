package dev.baton.keys.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.keys.ApiKey;
import dev.baton.keys.CreatedKey;
import dev.baton.keys.KeySpec;
import dev.baton.store.internal.JdbcApiKeyStore;
import dev.baton.store.internal.SqliteDatabase;
import dev.baton.store.internal.StoreDatabase;
import dev.baton.testkit.MutableClock;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key store over SQLite (and PostgreSQL, {@link PostgresApiKeysTest}): secrets shown once and stored hashed, listing, revocation and the cache. */
class DefaultApiKeysTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00.123456789Z"));
    private final List<String> forgotten = new CopyOnWriteArrayList<>();
    private final List<StoreDatabase> opened = new ArrayList<>();
    private DefaultApiKeys keys;

    @BeforeEach
    void open() {
        keys = newKeys();
    }

    @AfterEach
    void close() {
        for (StoreDatabase db : opened) db.close();
    }

    /** The database every key store of a test shares (each call: another process on it). */
    protected StoreDatabase openDatabase() {
        return SqliteDatabase.open(dir.resolve("baton.db"));
    }

    /** Everything the store keeps, as text, after the stores are closed. */
    protected String storedText() throws IOException {
        return new String(databaseFiles(), StandardCharsets.ISO_8859_1);
    }

    private DefaultApiKeys newKeys() {
        StoreDatabase db = openDatabase();
        opened.add(db);
        return new DefaultApiKeys(new JdbcApiKeyStore(db), clock, Duration.ofSeconds(2), forgotten::add);
    }

    @Test
    void a_created_key_has_a_prefixed_high_entropy_secret_and_authenticates_to_itself() {
        CreatedKey a = keys.create(KeySpec.named("ci"));
        CreatedKey b = keys.create(KeySpec.named("web"));

        assertThat(a.secret().reveal()).startsWith("bk_").hasSize(46).isNotEqualTo(b.secret().reveal());
        assertThat(a.key().id()).matches("k_[0-9a-f]{16}").isNotEqualTo(b.key().id());
        assertThat(a.secret().toString()).doesNotContain(a.secret().reveal());
        assertThat(keys.authenticate(a.secret().reveal())).map(ApiKey::id).contains(a.key().id());
        assertThat(keys.authenticate(b.secret().reveal())).map(ApiKey::name).contains("web");
        assertThat(keys.authenticate(a.secret().reveal().replace('_', '-'))).isEmpty();
        assertThat(keys.authenticate("bk_" + "A".repeat(43))).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
    }

    @Test
    void the_secret_is_never_stored_only_its_sha256() throws IOException {
        CreatedKey k = keys.create(new KeySpec("ci", new BigDecimal("5"), BudgetPeriod.DAY, 60, null, List.of("fast")));
        String secret = k.secret().reveal();
        String hash = HexFormat.of().formatHex(DefaultApiKeys.sha256(secret));
        close();
        opened.clear();

        String asText = storedText();

        assertThat(asText).doesNotContain(secret).doesNotContain(secret.substring(3)).contains(hash).contains("ci");
    }

    /** The database file and its WAL, if any, concatenated. */
    private byte[] databaseFiles() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("baton.db")).toList()) {
                out.write(Files.readAllBytes(f));
            }
        }
        return out.toByteArray();
    }

    @Test
    void list_shows_live_keys_with_their_limits_and_never_a_secret() {
        CreatedKey made = keys.create(new KeySpec("ci", new BigDecimal("2.50"), BudgetPeriod.WEEK, 30, 10_000, List.of("fast", "cheap")));
        clock.advance(Duration.ofSeconds(1));
        keys.create(new KeySpec("web", new BigDecimal("100.000"), null, null, null, List.of()));
        assertThat(keys.list()).extracting(k -> k.budgetUsd().toString()).containsExactly("2.5", "100");
        keys.revoke("web");

        List<ApiKey> live = keys.list();

        assertThat(live).singleElement().isEqualTo(made.key()).satisfies(k -> {
            assertThat(k.name()).isEqualTo("ci");
            assertThat(k.budgetUsd()).isEqualByComparingTo("2.50");
            assertThat(k.period()).isEqualTo(BudgetPeriod.WEEK);
            assertThat(k.rpm()).isEqualTo(30);
            assertThat(k.tpm()).isEqualTo(10_000);
            assertThat(k.profiles()).containsExactly("fast", "cheap");
            assertThat(k.created()).isEqualTo(Instant.parse("2026-03-02T10:00:00.123Z"));
            assertThat(k.live()).isTrue();
        });
    }

    @Test
    void names_are_unique_among_live_keys_and_free_again_after_revoking() {
        CreatedKey first = keys.create(KeySpec.named("ci"));

        assertThatThrownBy(() -> keys.create(KeySpec.named("ci")))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("'ci'").contains(first.key().id());
                });
        keys.revoke("ci");
        CreatedKey second = keys.create(KeySpec.named("ci"));

        assertThat(second.key().id()).isNotEqualTo(first.key().id());
        assertThat(keys.list()).extracting(ApiKey::id).containsExactly(second.key().id());
    }

    @Test
    void a_key_revoked_here_stops_authenticating_at_once_and_its_budget_is_forgotten() {
        CreatedKey k = keys.create(KeySpec.named("ci"));
        assertThat(keys.authenticate(k.secret().reveal())).isPresent();

        ApiKey revoked = keys.revoke(k.key().id());

        assertThat(revoked.revoked()).isEqualTo(Instant.parse("2026-03-02T10:00:00.123Z"));
        assertThat(keys.authenticate(k.secret().reveal())).isEmpty();
        assertThat(forgotten).containsExactly(k.key().id());
        assertThatThrownBy(() -> keys.revoke(k.key().id()))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void a_key_revoked_by_another_process_stops_authenticating_within_the_recheck_interval() {
        DefaultApiKeys other = newKeys();
        CreatedKey k = keys.create(KeySpec.named("ci"));
        assertThat(keys.authenticate(k.secret().reveal())).isPresent();

        other.revoke("ci");

        // still trusted from the cache until the recheck interval has passed
        assertThat(keys.authenticate(k.secret().reveal())).isPresent();
        clock.advance(Duration.ofMillis(2_100));
        assertThat(keys.authenticate(k.secret().reveal())).isEmpty();
        assertThat(forgotten).contains(k.key().id());
    }

    @Test
    void a_key_created_by_another_process_authenticates_here_at_once() {
        DefaultApiKeys other = newKeys();

        CreatedKey k = other.create(KeySpec.named("late"));

        assertThat(keys.authenticate(k.secret().reveal())).map(ApiKey::name).contains("late");
        assertThat(keys.limitsOf(k.key().id())).isEmpty();
    }

    @Test
    void a_keys_limits_are_its_budget_and_rates_of_scope_api_key_keyed_by_its_id() {
        CreatedKey k = keys.create(new KeySpec("ci", new BigDecimal("1"), BudgetPeriod.MONTH, 10, 500, List.of()));
        String id = k.key().id();

        assertThat(keys.limitsOf(id)).containsExactly(
                new BudgetLimit(BudgetScope.API_KEY, id, BudgetPeriod.MONTH, new BigDecimal("1"), null, null, null),
                new BudgetLimit(BudgetScope.API_KEY, id, BudgetPeriod.TOTAL, null, null, 10, 500));
        keys.revoke(id);
        assertThat(keys.limitsOf(id)).isEmpty();
        assertThat(keys.limitsOf("k_unknown")).isEmpty();
    }

    @Test
    void bad_specs_name_the_field() {
        assertThatThrownBy(() -> KeySpec.named("has space")).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> new KeySpec("a", new BigDecimal("-1"), null, null, null, List.of()))
                .hasMessageStartingWith("budget-usd:");
        assertThatThrownBy(() -> new KeySpec("a", null, BudgetPeriod.DAY, null, null, List.of()))
                .hasMessageStartingWith("period:");
        assertThatThrownBy(() -> new KeySpec("a", BigDecimal.ONE, BudgetPeriod.RUN, null, null, List.of()))
                .hasMessageStartingWith("period:");
        assertThatThrownBy(() -> new KeySpec("a", null, null, 0, null, List.of())).hasMessageStartingWith("rpm:");
        assertThatThrownBy(() -> new KeySpec("a", null, null, null, -5, List.of())).hasMessageStartingWith("tpm:");
        assertThatThrownBy(() -> new KeySpec("a", null, null, null, null, List.of(" "))).hasMessageStartingWith("profiles:");
        assertThat(new KeySpec("a", BigDecimal.ONE, null, null, null, List.of()).period()).isEqualTo(BudgetPeriod.TOTAL);
    }
}
