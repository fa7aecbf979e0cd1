package dev.baton.store.internal;

import dev.baton.store.StoreSettings;
import dev.baton.usage.AbstractBudgetStoreContractTest;
import dev.baton.usage.BudgetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

/**
 * The budget store contract on PostgreSQL; each owner gets its own connection pool and writer,
 * as a replica on another machine would.
 */
class PostgresBudgetStoreTest extends AbstractBudgetStoreContractTest {

    private StoreSettings settings;
    private final List<PostgresDatabase> opened = new ArrayList<>();

    @BeforeEach
    void open() {
        settings = TestStores.settingsOfFreshDatabase(2);
    }

    @AfterEach
    void close() {
        opened.forEach(PostgresDatabase::close);
    }

    @Override
    protected BudgetStore store(String owner) {
        PostgresDatabase db = TestStores.open(settings);
        opened.add(db);
        return new JdbcBudgetStore(db, owner);
    }
}
