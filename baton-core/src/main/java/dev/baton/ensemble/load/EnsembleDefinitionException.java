package dev.baton.ensemble.load;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ensemble definition that cannot be run: a {@link ErrorCode#VALIDATION} failure carrying
 * every {@link Problem} found, so a user fixes them all in one go.
 */
public class EnsembleDefinitionException extends BatonException {

    private final transient List<Problem> problems;

    public EnsembleDefinitionException(List<Problem> problems) {
        super(ErrorCode.VALIDATION, message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        String head = problems.size() == 1 ? "invalid ensemble: " : problems.size() + " problems in ensemble:\n  ";
        return head + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  "));
    }
}
