package dev.baton.cli;

/** A count with its noun in the right number: "1 agent", "0 agents", "3 agents". */
final class Quantity {

    private Quantity() {
    }

    /** {@code count} and {@code noun}, plural by adding "s" unless {@code count} is 1. */
    static String of(long count, String noun) {
        return count + " " + noun(count, noun);
    }

    /** {@code noun} in the number {@code count} calls for, without the count. */
    static String noun(long count, String noun) {
        return count == 1 ? noun : noun + "s";
    }
}
