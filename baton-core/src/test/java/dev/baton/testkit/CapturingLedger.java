package dev.baton.testkit;

import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import dev.baton.usage.UsageLedger;
import dev.baton.usage.UsageRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A ledger that keeps records in memory for assertions. */
public final class CapturingLedger implements UsageLedger {

    private final List<UsageRecord> records = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public List<UsageRecord> records() {
        return new ArrayList<>(records);
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void record(UsageRecord record) {
        records.add(record);
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
        closed = true;
    }
}
