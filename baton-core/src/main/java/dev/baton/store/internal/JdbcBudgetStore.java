package dev.baton.store.internal;

import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetKey;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.BudgetSpend;
import dev.baton.usage.BudgetStore;
import dev.baton.usage.internal.LeaseArithmetic;
import dev.baton.usage.LeaseGrant;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Budget counters and leases in a SQLite or PostgreSQL database, shared by every process that
 * opens it. Every
 * write runs on the database's batch writer, in order: a lease acquisition is one step of a
 * BEGIN IMMEDIATE transaction that sees every settlement queued before it, and settlements are
 * batched with ledger rows. Leases carry the owner ({@code pid-<pid>-<random>}) and an expiry;
 * any acquisition first drops expired leases, which is how a killed process's headroom returns.
 * <p>
 * On PostgreSQL (replicas on several machines, READ COMMITTED) an acquisition first locks the
 * key's counter row ({@code SELECT ... FOR UPDATE}), so acquisitions of one key by all replicas
 * take turns and each sees the others' leases and settled spend: settled spend plus live leases
 * never exceeds the limit. Settlements lock counters in one fixed order.
 */
public final class JdbcBudgetStore implements BudgetStore {

    private static final String DELETE_EXPIRED = "DELETE FROM budget_lease WHERE expires_ms < ?";
    private static final String SELECT_SPEND =
            "SELECT nano_usd, tokens FROM budget_spend WHERE scope = ? AND scope_key = ? AND bucket = ?";
    /**
     * PostgreSQL: the counter row locked for the rest of the transaction, so replicas leasing the
     * same key take turns (READ COMMITTED alone would let two read the same headroom).
     */
    private static final String LOCK_SPEND = SELECT_SPEND + " FOR UPDATE";
    /** PostgreSQL: the counter row exists before it is locked. */
    private static final String ENSURE_SPEND = "INSERT INTO budget_spend (scope, scope_key, bucket, nano_usd, tokens,"
            + " updated_ms) VALUES (?, ?, ?, 0, 0, ?) ON CONFLICT (scope, scope_key, bucket) DO NOTHING";
    /** PostgreSQL: only the key's own expired leases, under the key's row lock (no cross-key lock order). */
    private static final String DELETE_EXPIRED_OF_KEY =
            "DELETE FROM budget_lease WHERE scope = ? AND scope_key = ? AND bucket = ? AND expires_ms < ?";
    private static final String SELECT_LEASES =
            "SELECT owner, nano_usd, tokens FROM budget_lease WHERE scope = ? AND scope_key = ? AND bucket = ?";
    private static final String UPSERT_LEASE = """
            INSERT INTO budget_lease (scope, scope_key, bucket, owner, nano_usd, tokens, expires_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (scope, scope_key, bucket, owner)
            DO UPDATE SET nano_usd = excluded.nano_usd, tokens = excluded.tokens, expires_ms = excluded.expires_ms""";
    private static final String ADD_SPEND = """
            INSERT INTO budget_spend (scope, scope_key, bucket, nano_usd, tokens, updated_ms) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (scope, scope_key, bucket) DO UPDATE SET nano_usd = budget_spend.nano_usd + excluded.nano_usd,
              tokens = budget_spend.tokens + excluded.tokens, updated_ms = excluded.updated_ms""";
    private static final String SPEND_FROM_LEASE = """
            UPDATE budget_lease SET nano_usd = MAX(0, nano_usd - ?), tokens = MAX(0, tokens - ?),
              expires_ms = MAX(expires_ms, ?)
            WHERE scope = ? AND scope_key = ? AND bucket = ? AND owner = ?""";

    private static final java.util.Comparator<Map.Entry<BudgetKey, PendingSettlements.Pending>> SETTLEMENT_ORDER =
            java.util.Comparator.comparing((Map.Entry<BudgetKey, PendingSettlements.Pending> e) -> e.getKey().scope())
                    .thenComparing(e -> e.getKey().scopeKey()).thenComparing(e -> e.getKey().bucket());

    private final StoreDatabase database;
    private final boolean postgres;
    private final String spendFromLease;
    private final String owner;
    private final PendingSettlements settlements = new PendingSettlements();

    /** A store for this process, with a fresh owner id. */
    public JdbcBudgetStore(StoreDatabase database) {
        this(database, "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public JdbcBudgetStore(StoreDatabase database, String owner) {
        this.database = database;
        this.postgres = database.dialect() == Dialect.POSTGRES;
        this.spendFromLease = postgres ? SPEND_FROM_LEASE.replace("MAX(", "GREATEST(") : SPEND_FROM_LEASE;
        this.owner = owner;
    }

    /** PostgreSQL is reached by replicas on other machines: rate windows are kept here too. */
    @Override
    public boolean sharedAcrossMachines() {
        return postgres;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public LeaseGrant acquire(BudgetKey key, BudgetAmount need, BudgetAmount want, BudgetAmount limit, Instant now,
                              Instant expires) {
        Map<BudgetKey, PendingSettlements.Pending> taken = new HashMap<>();
        return database.write(c -> {
            // settlements made before this call are applied first: the grant sees them
            settlements.drainInto(taken);
            writeSettlements(c, taken);
            BudgetAmount spent;
            if (postgres) {
                PreparedStatement ensure = bindKey(c.prepare(ENSURE_SPEND), key);
                ensure.setLong(4, now.toEpochMilli());
                ensure.executeUpdate();
                try (ResultSet rs = bindKey(c.prepare(LOCK_SPEND), key).executeQuery()) {
                    rs.next();
                    spent = new BudgetAmount(rs.getLong(1), rs.getLong(2));
                }
                PreparedStatement purge = bindKey(c.prepare(DELETE_EXPIRED_OF_KEY), key);
                purge.setLong(4, now.toEpochMilli());
                purge.executeUpdate();
            } else {
                PreparedStatement purge = c.prepare(DELETE_EXPIRED);
                purge.setLong(1, now.toEpochMilli());
                purge.executeUpdate();
                spent = spent(c, key);
            }
            BudgetAmount own = BudgetAmount.ZERO;
            BudgetAmount others = BudgetAmount.ZERO;
            PreparedStatement leases = bindKey(c.prepare(SELECT_LEASES), key);
            try (ResultSet rs = leases.executeQuery()) {
                while (rs.next()) {
                    BudgetAmount a = new BudgetAmount(rs.getLong(2), rs.getLong(3));
                    if (owner.equals(rs.getString(1))) own = a;
                    else others = others.plus(a);
                }
            }
            LeaseArithmetic.Result r = LeaseArithmetic.grant(limit, spent, others, own, need, want);
            PreparedStatement upsert = bindKey(c.prepare(UPSERT_LEASE), key);
            upsert.setString(4, owner);
            upsert.setLong(5, r.lease().nanoUsd());
            upsert.setLong(6, r.lease().tokens());
            upsert.setLong(7, expires.toEpochMilli());
            upsert.executeUpdate();
            return new LeaseGrant(r.granted(), r.lease(), spent, others);
        });
    }

    private static BudgetAmount spent(WriteContext c, BudgetKey key) throws SQLException {
        try (ResultSet rs = bindKey(c.prepare(SELECT_SPEND), key).executeQuery()) {
            return rs.next() ? new BudgetAmount(rs.getLong(1), rs.getLong(2)) : BudgetAmount.ZERO;
        }
    }

    private static PreparedStatement bindKey(PreparedStatement ps, BudgetKey key) throws SQLException {
        ps.setString(1, key.scope().name());
        ps.setString(2, key.scopeKey());
        ps.setString(3, key.bucket());
        return ps;
    }

    /**
     * Adds {@code actual} to the pending settlements of {@code key}; one writer op applies all
     * pending settlements of all keys at once (coalesced: one UPSERT per counter per batch, not per
     * call), so budgets cost the writer almost nothing more than the ledger rows themselves.
     */
    @Override
    public void settle(BudgetKey key, BudgetAmount actual, Instant expires) {
        settlements.add(key, actual, expires);
        if (settlements.claimDrain()) database.writer().submit(new SettlementOp());
    }

    /** Applies pending settlements; keeps what it took until commit so a replayed batch reapplies it. */
    private final class SettlementOp implements WriteOp {
        private final Map<BudgetKey, PendingSettlements.Pending> taken = new HashMap<>();

        @Override
        public void apply(WriteContext c) throws SQLException {
            settlements.drainInto(taken);
            writeSettlements(c, taken);
        }

        @Override
        public void committed() {
            taken.clear();
        }
    }

    private void writeSettlements(WriteContext c, Map<BudgetKey, PendingSettlements.Pending> taken) throws SQLException {
        long now = System.currentTimeMillis();
        List<Map.Entry<BudgetKey, PendingSettlements.Pending>> entries = new ArrayList<>(taken.entrySet());
        // one lock order for every replica: two settling the same keys cannot deadlock
        entries.sort(SETTLEMENT_ORDER);
        for (Map.Entry<BudgetKey, PendingSettlements.Pending> e : entries) {
            BudgetKey key = e.getKey();
            BudgetAmount actual = e.getValue().amount();
            PreparedStatement add = bindKey(c.prepare(ADD_SPEND), key);
            add.setLong(4, actual.nanoUsd());
            add.setLong(5, actual.tokens());
            add.setLong(6, now);
            add.executeUpdate();
            PreparedStatement lease = c.prepare(spendFromLease);
            lease.setLong(1, actual.nanoUsd());
            lease.setLong(2, actual.tokens());
            lease.setLong(3, e.getValue().expires().toEpochMilli());
            lease.setString(4, key.scope().name());
            lease.setString(5, key.scopeKey());
            lease.setString(6, key.bucket());
            lease.setString(7, owner);
            lease.executeUpdate();
        }
    }

    @Override
    public Map<BudgetKey, BudgetAmount> renew(Instant expires) {
        return database.write(c -> {
            PreparedStatement update = c.prepare("UPDATE budget_lease SET expires_ms = ? WHERE owner = ?");
            update.setLong(1, expires.toEpochMilli());
            update.setString(2, owner);
            update.executeUpdate();
            PreparedStatement select = c.prepare(
                    "SELECT scope, scope_key, bucket, nano_usd, tokens FROM budget_lease WHERE owner = ?");
            select.setString(1, owner);
            Map<BudgetKey, BudgetAmount> alive = new HashMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    alive.put(new BudgetKey(BudgetScope.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)),
                            new BudgetAmount(rs.getLong(4), rs.getLong(5)));
                }
            }
            return alive;
        });
    }

    @Override
    public void release() {
        Map<BudgetKey, PendingSettlements.Pending> taken = new HashMap<>();
        database.write(c -> {
            settlements.drainInto(taken);
            writeSettlements(c, taken);
            PreparedStatement delete = c.prepare("DELETE FROM budget_lease WHERE owner = ?");
            delete.setString(1, owner);
            return delete.executeUpdate();
        });
    }

    @Override
    public List<BudgetSpend> spends(BudgetScope scope, String scopeKey, String bucketPrefix, Instant now) {
        return database.read(c -> {
            Map<BudgetKey, BudgetAmount[]> rows = new LinkedHashMap<>();
            String filter = " WHERE scope = ? AND (? IS NULL OR scope_key = ?) AND substr(bucket, 1, length(?)) = ?";
            try (PreparedStatement ps = c.prepareStatement("SELECT scope_key, bucket, nano_usd, tokens FROM budget_spend" + filter
                    + " ORDER BY scope_key, bucket")) {
                bindFilter(ps, scope, scopeKey, bucketPrefix);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) row(rows, scope, rs)[0] = new BudgetAmount(rs.getLong(3), rs.getLong(4));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT scope_key, bucket, SUM(nano_usd), SUM(tokens)"
                    + " FROM budget_lease" + filter + " AND expires_ms >= ? GROUP BY scope_key, bucket")) {
                bindFilter(ps, scope, scopeKey, bucketPrefix);
                ps.setLong(6, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) row(rows, scope, rs)[1] = new BudgetAmount(rs.getLong(3), rs.getLong(4));
                }
            }
            List<BudgetSpend> out = new ArrayList<>(rows.size());
            rows.forEach((k, v) -> out.add(new BudgetSpend(k, v[0], v[1])));
            return out;
        });
    }

    private static BudgetAmount[] row(Map<BudgetKey, BudgetAmount[]> rows, BudgetScope scope, ResultSet rs)
            throws SQLException {
        BudgetKey key = new BudgetKey(scope, rs.getString(1), rs.getString(2));
        return rows.computeIfAbsent(key, k -> new BudgetAmount[] {BudgetAmount.ZERO, BudgetAmount.ZERO});
    }

    private static void bindFilter(PreparedStatement ps, BudgetScope scope, String scopeKey, String prefix)
            throws SQLException {
        ps.setString(1, scope.name());
        ps.setString(2, scopeKey);
        ps.setString(3, scopeKey);
        ps.setString(4, prefix);
        ps.setString(5, prefix);
    }

    @Override
    public void flush() {
        Map<BudgetKey, PendingSettlements.Pending> taken = new HashMap<>();
        database.write(c -> {
            settlements.drainInto(taken);
            writeSettlements(c, taken);
            return null;
        });
    }
}
