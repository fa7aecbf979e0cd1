package dev.baton.config.internal;

/**
 * A problem found while reading one configuration document, with its 1-based line and column
 * (-1 when unknown); the loader adds the file and turns it into a {@code ConfigException}.
 */
final class ConfigProblem extends RuntimeException {

    private final int line;
    private final int column;

    ConfigProblem(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }
}
