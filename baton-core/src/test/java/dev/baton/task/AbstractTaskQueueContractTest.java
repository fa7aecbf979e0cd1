package dev.baton.task;

import dev.baton.Baton;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.task.internal.TaskRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The task queue's behaviour, run against each store it supports (one subclass per database):
 * priorities, schedules, retries with backoff, cancellation, history, prompt start, resume from
 * checkpoints and the hand-over of a dead worker's task.
 */
abstract class AbstractTaskQueueContractTest {

    @TempDir
    java.nio.file.Path tmp;

    TaskFixture fixture;
    Baton baton;
    DataSource store;

    /** The {@code store:} block of a fresh, empty database of the store under test (empty: the default). */
    abstract String storeYaml(java.nio.file.Path tmp) throws Exception;

    @BeforeEach
    void open() throws Exception {
        fixture = new TaskFixture(tmp, storeYaml(tmp));
        baton = fixture.baton();
        store = baton.store().dataSource();
    }

    @AfterEach
    void close() {
        baton.close();
    }

    static WorkerSettings worker(String replica) {
        return WorkerSettings.defaults().withReplica(replica).withPollInterval(Duration.ofMillis(200))
                .withHeartbeat(Duration.ofMillis(300), 4);
    }

    TaskDetail awaitState(String id, TaskState state, Duration max) {
        TaskFixture.await(max, "task " + id + " " + state.wire(), () -> baton.tasks().show(id).orElseThrow().task().state() == state);
        return baton.tasks().show(id).orElseThrow();
    }

    static Instant firstRunning(TaskDetail d) {
        return d.history().stream().filter(e -> e.state() == TaskState.RUNNING).findFirst().orElseThrow().at();
    }

    @Test
    void given_an_idle_worker_when_a_task_due_now_is_submitted_then_it_runs_without_waiting_for_a_poll() {
        // a poll interval far above the bound: only immediate execution can start it in time
        try (TaskWorker w = baton.tasks().startWorker(worker("r1").withPollInterval(Duration.ofSeconds(30)))) {
            TaskInfo t = baton.tasks().submit(TaskRequest.ensemble("one", "hi"));
            TaskDetail d = awaitState(t.id(), TaskState.SUCCEEDED, Duration.ofSeconds(20));
            assertThat(Duration.between(t.createdAt(), firstRunning(d))).isLessThan(Duration.ofSeconds(2));
            assertThat(d.task().result()).contains("answer of a");
            assertThat(d.history()).extracting(TaskEvent::state)
                    .containsExactly(TaskState.QUEUED, TaskState.RUNNING, TaskState.SUCCEEDED);
            assertThat(d.history().get(1).replica()).isEqualTo("r1");
            assertThat(d.history().get(1).attempt()).isEqualTo(1);
        }
    }

    @Test
    void given_waiting_tasks_when_one_worker_thread_takes_them_then_higher_priority_runs_first() {
        TaskInfo low1 = baton.tasks().submit(TaskRequest.ensemble("one", "low 1"));
        TaskInfo low2 = baton.tasks().submit(TaskRequest.ensemble("one", "low 2"));
        TaskInfo high = baton.tasks().submit(TaskRequest.ensemble("two", "high").withPriority(10));
        try (TaskWorker w = baton.tasks().startWorker(worker("r1").withThreads(1))) {
            for (TaskInfo t : List.of(low1, low2, high)) awaitState(t.id(), TaskState.SUCCEEDED, Duration.ofSeconds(30));
        }
        List<TaskDetail> byStart = List.of(low1, low2, high).stream().map(t -> baton.tasks().show(t.id()).orElseThrow())
                .sorted(Comparator.comparing(AbstractTaskQueueContractTest::firstRunning)).toList();
        assertThat(byStart.getFirst().task().id()).isEqualTo(high.id());
    }

    @Test
    void given_a_task_for_later_when_its_time_comes_then_it_runs_then_and_not_before() {
        Instant at = Instant.now().plusSeconds(2);
        try (TaskWorker w = baton.tasks().startWorker(worker("r1"))) {
            TaskInfo t = baton.tasks().submit(TaskRequest.ensemble("one", "later").withRunAt(at));
            assertThat(t.state()).isEqualTo(TaskState.QUEUED);
            TaskDetail d = awaitState(t.id(), TaskState.SUCCEEDED, Duration.ofSeconds(20));
            assertThat(firstRunning(d)).isAfterOrEqualTo(at.minusMillis(5))
                    .as("within the poll interval, with room for a busy machine").isBefore(at.plusSeconds(3));
        }
    }

    @Test
    void given_a_task_that_keeps_failing_when_it_runs_then_each_retry_waits_longer_and_it_fails_after_its_attempts() {
        try (TaskWorker w = baton.tasks().startWorker(worker("r1"))) {
            TaskInfo t = baton.tasks().submit(TaskRequest.ensemble("bad", "x").withMaxAttempts(3));
            TaskDetail d = awaitState(t.id(), TaskState.FAILED, Duration.ofSeconds(40));
            List<TaskEvent> runs = d.history().stream().filter(e -> e.state() == TaskState.RUNNING).toList();
            assertThat(runs).extracting(TaskEvent::attempt).containsExactly(1, 2, 3);
            assertThat(runs).extracting(TaskEvent::replica).containsOnly("r1");
            Duration firstWait = Duration.between(runs.get(0).at(), runs.get(1).at());
            Duration secondWait = Duration.between(runs.get(1).at(), runs.get(2).at());
            assertThat(firstWait).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(secondWait).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
            assertThat(d.history()).filteredOn(e -> e.state() == TaskState.RETRYING).hasSize(2);
            assertThat(d.history().getLast().state()).isEqualTo(TaskState.FAILED);
            assertThat(d.task().error()).contains("bad model always fails");
            assertThat(fixture.provider.calls("bad")).isEqualTo(3);
        }
    }

    @Test
    void given_a_running_task_when_it_is_cancelled_then_its_run_stops_and_a_retry_runs_it_again() {
        try (TaskWorker w = baton.tasks().startWorker(worker("r1"))) {
            TaskInfo t = baton.tasks().submit(TaskRequest.ensemble("stuck", "x"));
            TaskFixture.await(Duration.ofSeconds(20), "the stuck call", () -> fixture.provider.calls("slow-30000") == 1);
            Instant asked = Instant.now();
            baton.tasks().cancel(t.id());
            TaskDetail d = awaitState(t.id(), TaskState.CANCELLED, Duration.ofSeconds(10));
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(8));
            TaskFixture.await(Duration.ofSeconds(5), "the worker to let go", () -> w.running() == 0);
            assertThat(fixture.provider.finished("slow-30000")).as("the model call was interrupted").isZero();
            assertThat(d.history().getLast().state()).isEqualTo(TaskState.CANCELLED);

            assertThatThrownBy(() -> baton.tasks().retry("no-such-task")).hasMessageContaining("no task");
            baton.tasks().retry(t.id());
            TaskFixture.await(Duration.ofSeconds(20), "the retried call", () -> fixture.provider.calls("slow-30000") == 2);
            baton.tasks().cancel(t.id());
            awaitState(t.id(), TaskState.CANCELLED, Duration.ofSeconds(10));
        }
    }

    @Test
    void given_a_task_running_on_another_replica_when_it_is_cancelled_here_then_that_worker_stops_its_run() {
        try (Baton apiOnly = fixture.baton(); TaskWorker w = baton.tasks().startWorker(worker("r1"))) {
            TaskInfo t = apiOnly.tasks().submit(TaskRequest.ensemble("stuck", "x"));
            TaskFixture.await(Duration.ofSeconds(20), "the stuck call", () -> fixture.provider.calls("slow-30000") == 1);
            assertThat(apiOnly.tasks().cancel(t.id()).state()).as("its worker has not stopped it yet").isEqualTo(TaskState.RUNNING);
            TaskDetail d = awaitState(t.id(), TaskState.CANCELLED, Duration.ofSeconds(10));
            TaskFixture.await(Duration.ofSeconds(5), "the worker to let go", () -> w.running() == 0);
            assertThat(fixture.provider.finished("slow-30000")).isZero();
            assertThat(d.history().getLast().replica()).isEqualTo("r1");
        }
    }

    @Test
    void given_a_waiting_task_when_it_is_cancelled_then_it_never_runs() {
        TaskInfo t = baton.tasks().submit(TaskRequest.ensemble("one", "x").withRunAt(Instant.now().plusSeconds(1)));
        assertThat(baton.tasks().cancel(t.id()).state()).isEqualTo(TaskState.CANCELLED);
        try (TaskWorker w = baton.tasks().startWorker(worker("r1"))) {
            sleep(1500);
        }
        assertThat(fixture.provider.calls("a")).isZero();
        assertThatThrownBy(() -> baton.tasks().retry(baton.tasks().submit(TaskRequest.ensemble("one", "y")).id()))
                .hasMessageContaining("only a failed or cancelled task");
    }

    @Test
    void given_checkpoints_of_a_completed_agent_when_the_task_runs_then_that_agent_is_not_run_again() {
        TaskInfo t = baton.tasks().submit(TaskRequest.ensemble("chain", "go").withRunAt(Instant.now().plusSeconds(3600)));
        AgentResult first = AgentResult.builder("first", AgentStatus.COMPLETED).output("from the first worker")
                .startedAt(Instant.now()).finishedAt(Instant.now()).build();
        new TaskRepository(store, Clock.systemUTC()).checkpoint(t.id(), "first", "completed",
                RunResultJson.writeAgent(first).toString(), "old-replica");
        pretendClaimedBy(t.id(), "old-replica", Instant.now().minusSeconds(3600));

        try (TaskWorker w = baton.tasks().startWorker(worker("new-replica"))) {
            TaskDetail d = awaitState(t.id(), TaskState.SUCCEEDED, Duration.ofSeconds(30));
            assertThat(fixture.provider.calls("a")).as("the checkpointed agent is not re-run").isZero();
            assertThat(fixture.provider.calls("slow-800")).isEqualTo(1);
            assertThat(d.task().result()).contains("from the first worker").contains("answer of slow-800");
            assertThat(d.history()).anySatisfy(e -> {
                assertThat(e.replica()).isEqualTo("old-replica");
                assertThat(e.detail()).contains("worker old-replica lost").contains("new-replica");
            });
            assertThat(d.history()).anySatisfy(e -> {
                assertThat(e.state()).isEqualTo(TaskState.RUNNING);
                assertThat(e.replica()).isEqualTo("new-replica");
                assertThat(e.detail()).contains("resumed from checkpoints of replica old-replica").contains("first");
            });
        }
    }

    @Test
    void given_bad_submissions_then_each_is_refused_naming_what_is_wrong() {
        assertThatThrownBy(() -> baton.tasks().submit(TaskRequest.ensemble("nope", "x"))).hasMessageContaining("nope");
        assertThatThrownBy(() -> baton.tasks().submit(TaskRequest.ensemble("one", "x").withCron("every minute")))
                .hasMessageContaining("cron 'every minute'");
        assertThatThrownBy(() -> baton.tasks().cancel("missing")).hasMessageContaining("no task 'missing'");
    }

    /** What a worker killed mid-run leaves: the execution claimed by it, its heartbeat long stale. */
    private void pretendClaimedBy(String id, String replica, Instant heartbeat) {
        try (Connection c = store.getConnection();
             PreparedStatement ps = c.prepareStatement("update scheduled_tasks set picked = ?, picked_by = ?, "
                     + "last_heartbeat = ?, execution_time = ?, version = version + 1 where task_instance = ?")) {
            ps.setBoolean(1, true);
            ps.setString(2, replica);
            ps.setTimestamp(3, Timestamp.from(heartbeat));
            ps.setTimestamp(4, Timestamp.from(heartbeat));
            ps.setString(5, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            if (!c.getAutoCommit()) c.commit();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
