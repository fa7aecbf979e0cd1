package dev.baton.usage.internal;

import java.util.List;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import dev.baton.usage.UsageLedger;
import dev.baton.usage.UsageRecord;

/** The ledger that keeps nothing. Stateless. */
public enum NoUsageLedger implements UsageLedger {
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
