package dev.baton.store.internal;

import dev.baton.usage.AbstractBudgetStoreContractTest;
import dev.baton.usage.BudgetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteBudgetStoreTest extends AbstractBudgetStoreContractTest {

    @TempDir
    Path dir;
    private SqliteDatabase database;

    @BeforeEach
    void open() {
        database = SqliteDatabase.open(dir.resolve("baton.db"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Override
    protected BudgetStore store(String owner) {
        return new JdbcBudgetStore(database, owner);
    }
}
