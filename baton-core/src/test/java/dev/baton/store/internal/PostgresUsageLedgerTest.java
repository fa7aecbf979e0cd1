package dev.baton.store.internal;

import dev.baton.usage.AbstractUsageLedgerContractTest;
import dev.baton.usage.UsageLedger;

/** The ledger contract on PostgreSQL (the same cases as {@link SqliteUsageLedgerTest}). */
class PostgresUsageLedgerTest extends AbstractUsageLedgerContractTest {

    @Override
    protected UsageLedger newLedger() {
        return JdbcUsageLedger.owning(TestStores.freshPostgres(3));
    }
}
