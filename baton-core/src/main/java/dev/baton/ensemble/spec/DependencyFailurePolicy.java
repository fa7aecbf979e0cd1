package dev.baton.ensemble.spec;

/**
 * What an agent does when one of its dependencies did not complete. {@code RUN} (the default)
 * runs it with the dependencies that did complete; {@code SKIP} skips it.
 */
public enum DependencyFailurePolicy {
    RUN, SKIP
}
