package dev.baton.ensemble.load;

import dev.baton.ensemble.spec.EnsembleSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads an ensemble file and validates it: {@link #load} returns a spec that can run or throws
 * {@link EnsembleDefinitionException} with every problem of the file (parse and validation);
 * {@link #check} returns the problems without throwing. Thread-safe.
 */
public final class EnsembleLoader {

    private final EnsembleParser parser;
    private final EnsembleValidator validator;

    public EnsembleLoader(EnsembleParser parser, EnsembleValidator validator) {
        this.parser = parser;
        this.validator = validator;
    }

    /** A loader with default validation (no profile, provider, script or child-ensemble checks). */
    public static EnsembleLoader withDefaults() {
        return new EnsembleLoader(new EnsembleParser(), new EnsembleValidator(EnsembleValidator.Options.defaults()));
    }

    public EnsembleSpec load(Path file) {
        return throwIfProblems(parser.parse(file));
    }

    public EnsembleSpec load(String yaml, Path source) {
        return throwIfProblems(parser.parse(yaml, source));
    }

    private EnsembleSpec throwIfProblems(EnsembleParser.Parsed parsed) {
        List<Problem> problems = problems(parsed);
        if (!problems.isEmpty()) throw new EnsembleDefinitionException(problems);
        return parsed.spec();
    }

    /** Every problem of the file; empty when it loads. */
    public List<Problem> check(Path file) {
        return problems(parser.parse(file));
    }

    private List<Problem> problems(EnsembleParser.Parsed parsed) {
        List<Problem> problems = new ArrayList<>(parsed.problems());
        if (parsed.spec() != null) problems.addAll(validator.validate(parsed.spec()));
        return problems;
    }
}
