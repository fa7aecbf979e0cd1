package dev.baton.usage;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Tuning of budget enforcement. {@code leaseTtl}: how long headroom leased by a process stays
 * reserved without renewal (a dead process's leases free up after this). {@code leaseFraction}:
 * the slice of a limit leased at once (larger: fewer store transactions; smaller: less headroom
 * idle in one process). {@code zone}: where days and months begin. {@code refusalRecheck}: how long
 * a refusal is answered from memory before the store is asked again.
 */
public record BudgetOptions(Duration leaseTtl, double leaseFraction, ZoneId zone, Duration refusalRecheck) {

    /** 30 s leases of 5 % of a limit, UTC periods, refusals rechecked after 1 s. */
    public static final BudgetOptions DEFAULT = new BudgetOptions(Duration.ofSeconds(30), 0.05, ZoneId.of("UTC"),
            Duration.ofSeconds(1));

    public BudgetOptions {
        if (leaseTtl == null || leaseTtl.toMillis() < 100) throw new IllegalArgumentException("leaseTtl must be >= 100 ms");
        if (!(leaseFraction > 0 && leaseFraction <= 1)) throw new IllegalArgumentException("leaseFraction must be in (0, 1]");
        zone = zone == null ? ZoneId.of("UTC") : zone;
        refusalRecheck = refusalRecheck == null ? Duration.ofSeconds(1) : refusalRecheck;
    }

    public BudgetOptions withLeaseTtl(Duration ttl) {
        return new BudgetOptions(ttl, leaseFraction, zone, refusalRecheck);
    }
}
