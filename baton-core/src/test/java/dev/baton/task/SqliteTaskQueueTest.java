package dev.baton.task;

import dev.baton.task.internal.SqliteTaskStore;

import javax.sql.DataSource;
import java.nio.file.Path;

/** The task queue contract on the embedded SQLite store. */
class SqliteTaskQueueTest extends AbstractTaskQueueContractTest {
    @Override
    DataSource newStore(Path tmp) {
        return SqliteTaskStore.dataSource(tmp.resolve("tasks.db"));
    }
}
