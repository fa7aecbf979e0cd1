package dev.baton.server.api.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.store.internal.JdbcIdempotencyKeys;
import dev.baton.store.internal.SqliteDatabase;
import dev.baton.store.internal.StoreDatabase;
import dev.baton.store.internal.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two replicas' {@link IdempotencyRecords} on one store (SQLite, and PostgreSQL as replicas really
 * share it): a replay on the other replica gets the first response or waits for it, a failed
 * first request frees the key for the other replica, another body is a conflict, racing requests
 * run once, and an expired key runs again.
 */
class IdempotencyAcrossReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE = "POST /api/v1/runs";

    @TempDir
    Path dir;

    private StoreDatabase db;

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    private IdempotencyRecords replica(String store, String name, Clock clock) {
        if (db == null) db = store.equals("sqlite") ? SqliteDatabase.open(dir.resolve("baton.db")) : TestStores.freshPostgres(6);
        return new IdempotencyRecords(new JdbcIdempotencyKeys(db), name, clock, Duration.ofHours(24));
    }

    private static JsonNode body(String text) {
        return JSON.readTree(text);
    }

    private static IdempotencyRecords.Response started(String runId) {
        return new IdempotencyRecords.Response(202, body("{\"run_id\":\"" + runId + "\"}"), "/api/v1/runs/" + runId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void a_replay_on_the_other_replica_waits_for_the_first_request_and_gets_its_response(String store) throws Exception {
        IdempotencyRecords a = replica(store, "a", Clock.systemUTC());
        IdempotencyRecords b = replica(store, "b", Clock.systemUTC());
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runsOnB = new AtomicInteger();

        CompletableFuture<IdempotencyRecords.Response> first = CompletableFuture.supplyAsync(() -> serve(a, "k1",
                "{\"ensemble\":\"echo\",\"input\":\"x\"}", () -> {
                    firstRunning.countDown();
                    await(release);
                    return started("run-1");
                }));
        assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<IdempotencyRecords.Response> replay = CompletableFuture.supplyAsync(() -> serve(b, "k1",
                "{ \"input\": \"x\", \"ensemble\": \"echo\" }", () -> {
                    runsOnB.incrementAndGet();
                    return started("run-2");
                }));
        Thread.sleep(300);
        assertThat(replay).as("waits while the first is in flight").isNotDone();
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS).body().path("run_id").asString()).isEqualTo("run-1");
        IdempotencyRecords.Response r = replay.get(30, TimeUnit.SECONDS);
        assertThat(r.body().path("run_id").asString()).isEqualTo("run-1");
        assertThat(r.location()).isEqualTo("/api/v1/runs/run-1");
        assertThat(runsOnB).hasValue(0);
        assertThatThrownBy(() -> b.serve("k1", "key-1", ROUTE, body("{\"ensemble\":\"echo\",\"input\":\"y\"}"),
                () -> started("run-3")))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void a_failed_first_request_frees_its_key_for_a_retry_on_the_other_replica(String store) throws Exception {
        IdempotencyRecords a = replica(store, "a", Clock.systemUTC());
        IdempotencyRecords b = replica(store, "b", Clock.systemUTC());

        assertThatThrownBy(() -> a.serve("k1", "key-1", ROUTE, body("{\"ensemble\":\"nope\"}"), () -> {
            throw new BatonException(ErrorCode.NOT_FOUND, "no ensemble 'nope'");
        })).isInstanceOf(BatonException.class);
        IdempotencyRecords.Response retried = b.serve("k1", "key-1", ROUTE, body("{\"ensemble\":\"nope\"}"), () -> started("run-9"));

        assertThat(retried.body().path("run_id").asString()).isEqualTo("run-9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void requests_racing_on_one_key_over_two_replicas_run_once(String store) throws Exception {
        IdempotencyRecords a = replica(store, "a", Clock.systemUTC());
        IdempotencyRecords b = replica(store, "b", Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<IdempotencyRecords.Response>> sent = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                IdempotencyRecords on = i % 2 == 0 ? a : b;
                sent.add(pool.submit(() -> {
                    go.await();
                    return on.serve("k1", "race", ROUTE, body("{\"ensemble\":\"echo\"}"),
                            () -> started("run-" + runs.incrementAndGet()));
                }));
            }
            go.countDown();
        }

        assertThat(runs).hasValue(1);
        for (Future<IdempotencyRecords.Response> f : sent) assertThat(f.get().body().path("run_id").asString()).isEqualTo("run-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite"})
    void a_key_older_than_its_ttl_is_free_again(String store) throws Exception {
        Instant[] now = {Instant.parse("2026-12-03T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        IdempotencyRecords a = replica(store, "a", clock);

        a.serve(null, "old", ROUTE, body("{}"), () -> started("run-1"));
        now[0] = now[0].plus(Duration.ofHours(25));
        IdempotencyRecords.Response again = a.serve(null, "old", ROUTE, body("{\"other\":1}"), () -> started("run-2"));

        assertThat(again.body().path("run_id").asString()).isEqualTo("run-2");
    }

    private static IdempotencyRecords.Response serve(IdempotencyRecords on, String caller, String body,
                                                     IdempotencyRecords.Action action) {
        try {
            return on.serve(caller, "key-1", ROUTE, JSON.readTree(body), action);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
