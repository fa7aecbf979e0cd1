package dev.baton.store.internal;

import dev.baton.runs.IdempotencyKeys;
import dev.baton.runs.RunCursor;
import dev.baton.runs.RunPage;
import dev.baton.runs.RunQuery;
import dev.baton.runs.RunRecord;
import dev.baton.runs.StoredEvent;
import dev.baton.runs.StoredRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the REST API's run records, event logs and Idempotency-Keys in the store, the
 * same cases on SQLite and PostgreSQL: newer snapshots win whatever order they are written in,
 * listings filter and page, cancels are seen by the owner, dead owners' runs are abandoned,
 * retention deletes runs with their events, events replay after an id, and one claim per key.
 */
abstract class AbstractRunStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    protected StoreDatabase db;
    private JdbcRunStore runs;
    private JdbcRunEventLog events;
    private JdbcIdempotencyKeys keys;

    /** A fresh, empty, migrated store database. */
    protected abstract StoreDatabase newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase();
        runs = new JdbcRunStore(db);
        events = new JdbcRunEventLog(db);
        keys = new JdbcIdempotencyKeys(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static RunRecord running(String id, String key, Instant created, long version) {
        return new RunRecord(id, "echo", RunRecord.RUNNING, key, null, "replica-a", "the input", created, created, null,
                null, null, null, null, version);
    }

    private static RunRecord finished(RunRecord r, String status, long version) {
        return new RunRecord(r.id(), r.ensemble(), status, r.keyId(), r.batchId(), r.replica(), r.input(), r.createdAt(),
                r.startedAt(), r.createdAt().plusSeconds(2), "{\"deliverable\":\"answer\"}", "{\"status\":\"" + status + "\"}",
                null, new RunRecord.Artifact("echo", "20261203-100002-000"), version);
    }

    @Test
    void a_saved_run_is_read_back_whole_and_a_later_older_snapshot_does_not_overwrite_a_newer_one() {
        RunRecord start = running("r1", "k1", T0, 1);
        RunRecord done = finished(start, "completed", 2);

        runs.save(done);
        runs.saveNow(start); // queued after the newer one, as a slow request thread may

        StoredRun read = runs.find("r1").orElseThrow();
        assertThat(read.record()).isEqualTo(done);
        assertThat(read.cancelRequested()).isFalse();
        assertThat(runs.find("nope")).isEmpty();
    }

    @Test
    void a_long_input_is_kept_to_its_first_characters() {
        String input = "x".repeat(1000);
        RunRecord r = new RunRecord("r1", "echo", "running", null, null, "a", input, T0, null, null, null, null, null, null, 1);

        runs.saveNow(r);

        assertThat(runs.find("r1").orElseThrow().record().input()).hasSize(RunRecord.INPUT_SUMMARY);
    }

    @Test
    void listings_are_newest_first_filtered_by_caller_ensemble_and_status_and_paged_by_cursor() {
        for (int i = 0; i < 5; i++) runs.save(running("r" + i, "k1", T0.plusSeconds(i), 1));
        runs.save(running("same-ms-b", "k1", T0.plusSeconds(10), 1));
        runs.save(running("same-ms-a", "k1", T0.plusSeconds(10), 1));
        runs.save(running("other", "k2", T0.plusSeconds(11), 1));
        runs.save(new RunRecord("anon", "shell", "running", null, null, "a", null, T0.plusSeconds(12), null, null, null,
                null, null, null, 1));
        runs.saveNow(finished(running("r0", "k1", T0, 1), "failed", 2));

        RunPage first = runs.list(new RunQuery("k1", null, null, null, 3));
        RunPage second = runs.list(new RunQuery("k1", null, null, first.next(), 3));
        RunPage third = runs.list(new RunQuery("k1", null, null, second.next(), 3));

        assertThat(ids(first)).containsExactly("anon", "same-ms-b", "same-ms-a");
        assertThat(ids(second)).containsExactly("r4", "r3", "r2");
        assertThat(ids(third)).containsExactly("r1", "r0");
        assertThat(third.next()).isNull();
        assertThat(ids(runs.list(new RunQuery(null, null, null, null, 100)))).contains("other").hasSize(9);
        assertThat(ids(runs.list(new RunQuery("k1", "echo", "failed", null, 100)))).containsExactly("r0");
        assertThat(ids(runs.list(new RunQuery("k2", "shell", null, null, 100)))).containsExactly("anon");
        assertThat(runs.list(new RunQuery(null, null, "failed", null, 10)).runs().getFirst().record().result())
                .as("listings leave the whole result out").isNull();
        assertThat(runs.list(new RunQuery("k1", null, null, new RunCursor(T0.plusSeconds(10), "same-ms-b"), 1)).runs())
                .extracting(s -> s.record().id()).containsExactly("same-ms-a");
    }

    @Test
    void a_cancel_request_is_seen_by_the_replica_running_the_run_and_not_for_finished_runs() {
        runs.save(running("r1", null, T0, 1));
        runs.saveNow(finished(running("r2", null, T0, 1), "completed", 2));

        assertThat(runs.requestCancel("r1")).isTrue();
        assertThat(runs.requestCancel("r2")).isFalse();
        assertThat(runs.requestCancel("unknown")).isFalse();

        assertThat(runs.cancelRequested("replica-a")).containsExactly("r1");
        assertThat(runs.cancelRequested("replica-b")).isEmpty();
        assertThat(runs.find("r1").orElseThrow().cancelRequested()).isTrue();
    }

    @Test
    void runs_whose_heartbeat_expired_are_abandoned_and_their_owner_may_still_record_the_real_outcome() {
        RunRecord r = running("r1", null, T0, 1);
        runs.saveNow(r);
        Instant now = Instant.now();

        assertThat(runs.abandonExpired(now.minusSeconds(60), now)).as("heartbeat still fresh").isZero();
        assertThat(runs.abandonExpired(now.plusSeconds(60), now)).isEqualTo(1);

        RunRecord abandoned = runs.find("r1").orElseThrow().record();
        assertThat(abandoned.status()).isEqualTo(RunRecord.ABANDONED);
        assertThat(abandoned.finishedAt()).isNotNull();
        assertThat(abandoned.error()).contains("replica-a", "heartbeat");

        runs.saveNow(finished(r, "completed", 2));
        assertThat(runs.find("r1").orElseThrow().record().status()).isEqualTo("completed");
    }

    @Test
    void a_heartbeat_keeps_a_replicas_running_runs_from_being_abandoned() {
        runs.saveNow(running("r1", null, T0, 1));
        Instant later = Instant.now().plusSeconds(120);

        runs.heartbeat("replica-a", later);
        db.flush();

        assertThat(runs.abandonExpired(later.minusSeconds(10), later)).isZero();
        assertThat(runs.abandonExpired(later.plusSeconds(1), later)).isEqualTo(1);
    }

    @Test
    void retention_deletes_runs_finished_before_the_cutoff_with_their_events_and_keeps_running_ones() {
        runs.save(finished(running("old", null, T0, 1), "completed", 2));
        runs.save(running("live", null, T0, 1));
        events.append("old", 1, "run_started", "{}");
        events.append("live", 1, "run_started", "{}");
        db.flush();

        assertThat(runs.deleteFinishedBefore(T0.plusSeconds(3))).isEqualTo(1);

        assertThat(runs.find("old")).isEmpty();
        assertThat(events.after("old", 0, 10)).isEmpty();
        assertThat(runs.find("live")).isPresent();
        assertThat(events.after("live", 0, 10)).hasSize(1);
    }

    @Test
    void events_are_read_back_in_order_after_an_id_and_counted_on_the_run() {
        runs.save(running("r1", null, T0, 1));
        for (int i = 1; i <= 5; i++) events.append("r1", i, i == 5 ? "run_completed" : "agent_started", "{\"n\":" + i + "}");
        events.append("r2", 1, "run_started", "{}");
        db.flush();

        assertThat(events.after("r1", 0, 100)).extracting(StoredEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.after("r1", 3, 100)).containsExactly(new StoredEvent(4, "agent_started", "{\"n\":4}"),
                new StoredEvent(5, "run_completed", "{\"n\":5}"));
        assertThat(events.after("r1", 1, 2)).extracting(StoredEvent::id).containsExactly(2L, 3L);
        assertThat(events.after("r1", 5, 100)).isEmpty();
        assertThat(runs.find("r1").orElseThrow().events()).isEqualTo(5);
    }

    @Test
    void an_idempotency_key_is_claimed_once_answered_then_found_and_a_failed_request_frees_it() {
        assertThat(keys.claim("k1", "abc", "POST /api/v1/runs", "h1", "a", T0)).isEmpty();
        Optional<IdempotencyKeys.Entry> second = keys.claim("k1", "abc", "POST /api/v1/runs", "h2", "b", T0.plusMillis(1));
        assertThat(second).hasValueSatisfying(e -> {
            assertThat(e.done()).isFalse();
            assertThat(e.bodySha256()).isEqualTo("h1");
            assertThat(e.replica()).isEqualTo("a");
        });
        assertThat(keys.claim("k2", "abc", "POST /api/v1/runs", "h1", "a", T0)).as("keys are per caller").isEmpty();

        keys.complete("k1", "abc", 202, "{\"run_id\":\"r1\"}", "/api/v1/runs/r1");
        assertThat(keys.find("k1", "abc")).hasValueSatisfying(e -> {
            assertThat(e.done()).isTrue();
            assertThat(e.status()).isEqualTo(202);
            assertThat(e.response()).isEqualTo("{\"run_id\":\"r1\"}");
            assertThat(e.location()).isEqualTo("/api/v1/runs/r1");
        });

        keys.release("k2", "abc");
        assertThat(keys.find("k2", "abc")).isEmpty();
        keys.release("k1", "abc");
        assertThat(keys.find("k1", "abc")).as("an answered key is not released").isPresent();
    }

    @Test
    void answered_keys_older_than_the_cutoff_are_swept_and_a_stale_claim_can_be_removed() {
        keys.claim("", "old", "r", "h", "a", T0);
        keys.complete("", "old", 202, "{}", null);
        keys.claim("", "pending", "r", "h", "a", T0);
        keys.claim("", "new", "r", "h", "a", T0.plusSeconds(100));
        keys.complete("", "new", 202, "{}", null);

        assertThat(keys.deleteDoneBefore(T0.plusSeconds(50))).isEqualTo(1);
        assertThat(keys.find("", "old")).isEmpty();
        assertThat(keys.find("", "pending")).isPresent();
        assertThat(keys.remove("", "pending", T0.plusMillis(1))).as("another claim's time").isFalse();
        assertThat(keys.remove("", "pending", T0)).isTrue();
        assertThat(keys.find("", "pending")).isEmpty();
    }

    @Test
    void of_many_claims_racing_on_one_key_exactly_one_wins() throws Exception {
        int n = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                String replica = "r" + i;
                Callable<Boolean> claim = () -> {
                    go.await();
                    return keys.claim("k", "race", "route", "h", replica, T0).isEmpty();
                };
                claims.add(pool.submit(claim));
            }
            go.countDown();
        }
        int won = 0;
        for (Future<Boolean> f : claims) if (f.get()) won++;
        assertThat(won).isEqualTo(1);
    }

    @Test
    void listening_hears_appended_events_when_the_store_notifies_replicas() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch got = new CountDownLatch(1);
        try (AutoCloseable ignored = events.listen(id -> {
            heard.add(id);
            got.countDown();
        })) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // the listener connects in the background: append until it hears one
            int id = 1;
            while (events.notifiesReplicas() && heard.isEmpty() && System.nanoTime() < deadline) {
                events.append("r1", id++, "agent_started", "{}");
                got.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        if (events.notifiesReplicas()) assertThat(heard).contains("r1");
        else assertThat(heard).isEmpty();
    }

    private static List<String> ids(RunPage page) {
        return page.runs().stream().map(s -> s.record().id()).toList();
    }
}
