package dev.baton.store.internal;

import dev.baton.tool.AuditLog;

/** The audit log contract on PostgreSQL (globs become LIKE patterns there). */
class PostgresAuditLogTest extends AbstractAuditLogContractTest {

    @Override
    protected AuditLog newLog() {
        return JdbcAuditLog.owning(TestStores.freshPostgres(2));
    }
}
