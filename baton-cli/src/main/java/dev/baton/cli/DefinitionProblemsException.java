package dev.baton.cli;

import dev.baton.ensemble.load.Problem;
import dev.baton.error.ErrorCode;

import java.util.List;

/**
 * An ensemble that cannot be used because of definition problems (exit code 2, code
 * {@link ErrorCode#VALIDATION}). stderr gets the optional headline and one line per problem;
 * {@code -o json} lists the problems in the error document.
 */
final class DefinitionProblemsException extends UsageException {

    private final String headline;
    private final List<ProblemJson> problems;
    private final List<String> lines;

    /** @param headline printed as {@code baton: headline} above the problems, or null for none */
    DefinitionProblemsException(String file, String headline, List<Problem> problems, ProblemReport report) {
        super(ErrorCode.VALIDATION, file + ": " + Quantity.of(problems.size(), "problem"));
        this.headline = headline;
        this.problems = problems.stream().map(p -> ProblemJson.of(p, report)).toList();
        this.lines = problems.stream().map(report::line).toList();
    }

    /** What stderr shows, as before the JSON error document existed. */
    List<String> humanLines() {
        return headline == null ? lines
                : java.util.stream.Stream.concat(java.util.stream.Stream.of("baton: " + headline), lines.stream()).toList();
    }

    List<ProblemJson> problems() {
        return problems;
    }
}
