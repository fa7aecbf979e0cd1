package dev.baton.task;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.Baton;
import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;
import java.nio.file.Path;

/** The task queue contract on a real PostgreSQL (started by the test suite). */
class PostgresTaskQueueTest extends AbstractTaskQueueContractTest {

    private HikariDataSource pool;

    @Override
    DataSource newStore(Path tmp) {
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(12);
        pool = new HikariDataSource(config);
        return pool;
    }

    @Test
    void given_a_worker_on_another_replica_when_a_task_due_now_is_submitted_then_a_notification_starts_it_without_a_poll() {
        try (Baton apiOnly = fixture.baton(store);
             TaskWorker w = baton.tasks().startWorker(worker("r2").withPollInterval(Duration.ofSeconds(30)))) {
            TaskInfo t = apiOnly.tasks().submit(TaskRequest.ensemble("one", "from another replica"));
            TaskDetail d = awaitState(t.id(), TaskState.SUCCEEDED, Duration.ofSeconds(20));
            assertThat(Duration.between(t.createdAt(), firstRunning(d))).isLessThan(Duration.ofSeconds(2));
            assertThat(d.history()).filteredOn(e -> e.state() == TaskState.RUNNING).extracting(TaskEvent::replica)
                    .containsExactly("r2");
        }
    }

    @AfterEach
    void closePool() {
        if (pool != null) pool.close();
    }
}
