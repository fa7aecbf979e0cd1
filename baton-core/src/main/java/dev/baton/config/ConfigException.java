package dev.baton.config;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.nio.file.Path;

/**
 * A configuration that cannot be used: unreadable, unknown key, wrong type, dangling reference.
 * The message names the file, and the line and field where known. Its code is
 * {@link ErrorCode#CONFIGURATION}: no retry, fallback or cooldown reacts to it.
 */
public final class ConfigException extends BatonException {

    public ConfigException(String message) {
        super(ErrorCode.CONFIGURATION, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ErrorCode.CONFIGURATION, message, cause);
    }

    /** A configuration error with a suggestion of what to change. */
    public static ConfigException withSuggestion(String message, String suggestion) {
        return new ConfigException(BatonException.builder(ErrorCode.CONFIGURATION, message).suggestion(suggestion));
    }

    private ConfigException(BatonException.Builder b) {
        super(b);
    }

    /** {@code file:line:column: message}, leaving out what is unknown. */
    public static ConfigException at(Path file, int line, int column, String message) {
        StringBuilder where = new StringBuilder(file == null ? "<config>" : file.toString());
        if (line > 0) where.append(':').append(line);
        if (line > 0 && column > 0) where.append(':').append(column);
        return new ConfigException(where + ": " + message);
    }
}
