package dev.baton.bench;

import java.util.Collection;

/** Small statistics over measured figures. */
final class Stats {

    private Stats() {
    }

    /** The median (mean of the middle two for an even count); NaN when empty. */
    static double median(Collection<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
