package dev.baton.usage;

import java.util.List;

/** The ledger that keeps nothing. Stateless. */
enum NoUsageLedger implements UsageLedger {
    INSTANCE;

    @Override
    public void record(UsageRecord record) {
    }

    @Override
    public List<StatsRow> query(StatsQuery query) {
        return List.of();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
