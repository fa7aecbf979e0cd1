package dev.baton.task;

import java.nio.file.Path;

/** The task queue contract on the embedded SQLite store (the default). */
class SqliteTaskQueueTest extends AbstractTaskQueueContractTest {
    @Override
    String storeYaml(Path tmp) {
        return "";
    }
}
