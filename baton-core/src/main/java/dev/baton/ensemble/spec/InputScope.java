package dev.baton.ensemble.spec;

/**
 * What an agent sees as input: {@code ALL} (the default) the run input plus its dependencies'
 * outputs; {@code DEPENDENCIES} only its dependencies' outputs.
 */
public enum InputScope {
    ALL, DEPENDENCIES
}
