package dev.baton.ensemble.load.internal;

/**
 * A quantitative threshold as llm-orc writes it: an operator ({@code >=}, {@code <=}, {@code >},
 * {@code <}, {@code ==}) and a number, e.g. {@code "< 30"}.
 */
public record Threshold(String operator, double value) {

    private static final String[] OPERATORS = {">=", "<=", ">", "<", "=="};

    /** The threshold {@code text} writes, or null when it is not one. */
    public static Threshold parse(String text) {
        String t = text.strip();
        for (String op : OPERATORS) {
            if (!t.startsWith(op)) continue;
            try {
                return new Threshold(op, Double.parseDouble(t.substring(op.length()).strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public boolean test(double actual) {
        return switch (operator) {
            case ">=" -> actual >= value;
            case "<=" -> actual <= value;
            case ">" -> actual > value;
            case "<" -> actual < value;
            default -> actual == value;
        };
    }
}
