package dev.baton.cli;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the CLI reports one failed command: the exit code, the lines stderr gets, and the error
 * document {@code -o json} prints on stdout. Decided here once for every command, from the
 * exception's type and {@link ErrorCode}.
 */
record CommandFailure(int exitCode, List<String> stderr, ErrorDocument document) {

    /** Codes outside the taxonomy: the user stopped the command, or Baton itself broke. */
    static final String INTERRUPTED = "INTERRUPTED";
    static final String INTERNAL = "INTERNAL";

    static CommandFailure of(Throwable e) {
        if (e instanceof DefinitionProblemsException dp) {
            return new CommandFailure(ExitCodes.USAGE, dp.humanLines(),
                    doc(dp.code().name(), dp.getMessage(), ExitCodes.USAGE, false, null, null, Map.of(), dp.problems()));
        }
        if (e instanceof UsageException ue) {
            return new CommandFailure(ExitCodes.USAGE, List.of("baton: " + ue.getMessage()),
                    doc(ue.code().name(), ue.getMessage(), ExitCodes.USAGE, false, null, null, Map.of(), List.of()));
        }
        if (e instanceof BatonException be) return of(be);
        if (e instanceof InterruptedException) {
            return new CommandFailure(ExitCodes.INTERRUPTED, List.of("baton: interrupted"),
                    doc(INTERRUPTED, "interrupted", ExitCodes.INTERRUPTED, false, null, ErrorReason.CANCELLED, Map.of(), List.of()));
        }
        return new CommandFailure(ExitCodes.FAILURE, List.of("baton: unexpected failure: " + e),
                doc(INTERNAL, "unexpected failure: " + e, ExitCodes.FAILURE, false, null, null, Map.of(), List.of()));
    }

    private static CommandFailure of(BatonException be) {
        // the one line that decides a BatonException's exit code: configuration errors are usage errors (2).
        // By code, not by class: a ConfigException raised inside a call reaches here rebuilt by the
        // pipeline's decorators (with the call's context) as a plain BatonException.
        boolean configuration = be.code() == ErrorCode.CONFIGURATION;
        int exit = configuration ? ExitCodes.USAGE : ExitCodes.FAILURE;
        List<String> lines = new ArrayList<>();
        lines.add(configuration ? "baton: configuration error: " + be.getMessage() : "baton: " + be.code() + ": " + be.getMessage());
        be.suggestion().ifPresent(s -> lines.add("  hint: " + s));
        return new CommandFailure(exit, lines, doc(be.code().name(), be.getMessage(), exit, be.retriable(),
                be.suggestion().orElse(null), be.reason(), be.context().asMap(), List.of()));
    }

    /** A command line picocli could not parse. */
    static CommandFailure badArguments(String message, String helpCommand) {
        return new CommandFailure(ExitCodes.USAGE, List.of("baton: " + message), doc(ErrorCode.INVALID_REQUEST.name(), message,
                ExitCodes.USAGE, false, "see: " + helpCommand + " --help", null, Map.of(), List.of()));
    }

    private static ErrorDocument doc(String code, String message, int exit, boolean retriable, String suggestion,
                                     ErrorReason reason, Map<String, String> context, List<ProblemJson> problems) {
        String r = reason == null || reason == ErrorReason.NONE ? null : reason.name();
        return new ErrorDocument(new ErrorDocument.Error(code, message, exit, retriable, suggestion, r, context, problems));
    }
}
