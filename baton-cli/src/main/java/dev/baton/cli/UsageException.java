package dev.baton.cli;

import dev.baton.error.ErrorCode;

/**
 * A command line that cannot be carried out as given (exit code 2). Its {@link ErrorCode} is
 * what {@code -o json} reports: {@link ErrorCode#NOT_FOUND} for a named thing that does not
 * exist, {@link ErrorCode#INVALID_REQUEST} otherwise.
 */
class UsageException extends RuntimeException {

    private final ErrorCode code;

    UsageException(String message) {
        this(ErrorCode.INVALID_REQUEST, message);
    }

    UsageException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** A named ensemble, script, run, file or key that does not exist. */
    static UsageException notFound(String message) {
        return new UsageException(ErrorCode.NOT_FOUND, message);
    }

    ErrorCode code() {
        return code;
    }
}
