package dev.baton.cli;

import dev.baton.ensemble.load.Problem;

/**
 * One ensemble definition problem in a JSON document ({@code ensembles validate}, {@code test},
 * the error document): the file as shown to the user, the YAML line (0 when unknown), the agent
 * (null for ensemble-level problems) and the message.
 */
record ProblemJson(String file, int line, String agent, String message) {

    static ProblemJson of(Problem p, ProblemReport report) {
        return new ProblemJson(report.display(p.file()), p.line(), p.agent(), p.message());
    }
}
