package dev.baton.mcp.server.internal;

import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.load.Problem;
import dev.baton.mcp.server.ToolResult;

import java.util.stream.Collectors;

/** The error answers of the editing tools: each names the argument it is about. */
final class ToolErrors {

    private ToolErrors() {
    }

    /** An error result for {@code field}: {@code message}. */
    static ToolResult field(String field, String message) {
        return ToolResult.error("field '" + field + "': " + message);
    }

    /** An error result for {@code field} from a core failure; an ensemble's problems one per line. */
    static ToolResult field(String field, RuntimeException e) {
        if (e instanceof EnsembleDefinitionException d) {
            return field(field, "the ensemble does not validate; nothing was written:\n"
                    + d.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
        return field(field, String.valueOf(e.getMessage()));
    }

    /** The refusal of a delete without {@code confirm: true}. */
    static ToolResult unconfirmed(String what) {
        return field("confirm", "deleting " + what + " needs confirm: true; nothing was deleted");
    }
}
