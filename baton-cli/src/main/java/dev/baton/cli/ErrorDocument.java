package dev.baton.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * What {@code -o json} prints on stdout when a command fails: {@code {"error": {...}}}. The
 * fields come from the failure's {@link dev.baton.error.ErrorCode} and
 * {@link dev.baton.error.BatonException} (never from message text), so a new code needs no
 * change here. Messages are the ones stderr shows; Baton scrubs credentials from them at the source.
 */
record ErrorDocument(Error error) {

    /**
     * @param code       an {@code ErrorCode} name, or {@code INTERRUPTED} / {@code INTERNAL} for
     *                   failures outside the taxonomy
     * @param exitCode   the process's exit code
     * @param retriable  whether trying again unchanged may succeed
     * @param suggestion what to do about it, or null
     * @param reason     the finer {@code ErrorReason}, omitted when there is none
     * @param context    provider, model, agent, operation: those that are known
     * @param problems   ensemble definition problems, omitted when there are none
     */
    record Error(String code, String message, @JsonProperty("exit_code") int exitCode, boolean retriable,
                 String suggestion, @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                 Map<String, String> context,
                 @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProblemJson> problems) {
    }
}
