package dev.baton.cli;

/** A command line that cannot be carried out as given (exit code 2). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
