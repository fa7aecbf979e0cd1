package dev.baton.server.api.internal;

import dev.baton.ensemble.load.Problem;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * New file content (a script, the configuration) refused before it was saved: a
 * {@link ErrorCode#VALIDATION} failure whose problems the API answers with their lines, as it does
 * an ensemble's.
 */
final class ContentProblemsException extends BatonException {

    private final transient List<Problem> problems;

    ContentProblemsException(String what, List<Problem> problems) {
        super(ErrorCode.VALIDATION, what + " not saved: " + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
