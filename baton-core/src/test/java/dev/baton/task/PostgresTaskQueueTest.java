package dev.baton.task;

import dev.baton.Baton;
import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The task queue contract on a real PostgreSQL store (started by the test suite). */
class PostgresTaskQueueTest extends AbstractTaskQueueContractTest {

    @Override
    String storeYaml(Path tmp) {
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        return "store: {kind: postgres, url: \"" + db.jdbcUrl() + "\", user: " + db.user() + ", password: " + db.password()
                + ", pool_size: 12}\n";
    }

    @Test
    void given_a_worker_on_another_replica_when_a_task_due_now_is_submitted_then_a_notification_starts_it_without_a_poll() {
        assertThat(baton.store().kind()).as("the suite really runs on PostgreSQL").isEqualTo(dev.baton.store.StoreKind.POSTGRES);
        // a worker started after an earlier one stopped listens too
        baton.tasks().startWorker(worker("r1")).close();
        try (Baton apiOnly = fixture.baton();
             TaskWorker w = baton.tasks().startWorker(worker("r2").withPollInterval(Duration.ofSeconds(30)))) {
            TaskInfo t = apiOnly.tasks().submit(TaskRequest.ensemble("one", "from another replica"));
            TaskDetail d = awaitState(t.id(), TaskState.SUCCEEDED, Duration.ofSeconds(20));
            assertThat(Duration.between(t.createdAt(), firstRunning(d))).isLessThan(Duration.ofSeconds(2));
            assertThat(d.history()).filteredOn(e -> e.state() == TaskState.RUNNING).extracting(TaskEvent::replica)
                    .containsExactly("r2");
        }
    }
}
