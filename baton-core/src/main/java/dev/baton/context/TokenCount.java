package dev.baton.context;

/**
 * A number of tokens and how it was obtained: {@code exact} when the model's own tokenizer or its
 * provider's count endpoint gave it, otherwise an estimate; {@code method} names the way
 * ({@code o200k_base}, {@code anthropic-count-tokens}, {@code gemini-count-tokens}, {@code estimate}).
 */
public record TokenCount(long tokens, boolean exact, String method) {

    /** The method name of {@link #estimate}. */
    public static final String ESTIMATE = "estimate";

    public TokenCount {
        if (tokens < 0) throw new IllegalArgumentException("tokens must not be negative: " + tokens);
    }

    /** An estimated count. */
    public static TokenCount estimate(long tokens) {
        return new TokenCount(tokens, false, ESTIMATE);
    }

    /** This count plus {@code other}: exact only when both are, the method kept when both agree. */
    public TokenCount plus(TokenCount other) {
        String m = method.equals(other.method) ? method : exact && other.exact ? method + "+" + other.method : ESTIMATE;
        return new TokenCount(tokens + other.tokens, exact && other.exact, m);
    }

    /** {@code 1234 tokens (exact, o200k_base)} or {@code 1234 tokens (estimated)}. */
    public String label() {
        return tokens + " tokens (" + (exact ? "exact, " + method : "estimated") + ")";
    }
}
