package dev.baton.observe.internal;

import dev.baton.observe.BatonObserver;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import dev.baton.usage.UsageLedger;
import dev.baton.usage.UsageRecord;

import java.util.List;

/**
 * A tee in front of the usage ledger: each record goes to the ledger, then to the observer.
 * Sitting here rather than in the recording decorator, the observer sees exactly what the ledger
 * keeps, whoever records it.
 */
public final class ObservedUsageLedger implements UsageLedger {

    private final UsageLedger ledger;
    private final BatonObserver observer;

    public ObservedUsageLedger(UsageLedger ledger, BatonObserver observer) {
        this.ledger = ledger;
        this.observer = observer;
    }

    @Override
    public void record(UsageRecord record) {
        ledger.record(record);
        observer.callRecorded(record);
    }

    @Override
    public List<StatsRow> query(StatsQuery query) {
        return ledger.query(query);
    }

    @Override
    public List<dev.baton.usage.SeriesPoint> series(dev.baton.usage.SeriesQuery query) {
        return ledger.series(query);
    }

    @Override
    public void flush() {
        ledger.flush();
    }

    @Override
    public void close() {
        ledger.close();
    }
}
