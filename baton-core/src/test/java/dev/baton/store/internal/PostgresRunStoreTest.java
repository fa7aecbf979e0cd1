package dev.baton.store.internal;

/** The run store contract on PostgreSQL, where appended events also notify the other replicas. */
class PostgresRunStoreTest extends AbstractRunStoreContractTest {

    @Override
    protected StoreDatabase newDatabase() {
        return TestStores.freshPostgres(4);
    }
}
