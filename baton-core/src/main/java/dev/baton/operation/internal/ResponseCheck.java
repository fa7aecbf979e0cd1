package dev.baton.operation.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.operation.OperationHandler;
import dev.baton.pipeline.internal.JsonOutputValidator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a response text: JSON (one Markdown fence allowed) valid against the operation's response
 * schema, then the handler's own checks. One validator for both modes, the pipeline's.
 */
final class ResponseCheck {

    /** The parsed response ({@code null} when not JSON) and its problems (empty when acceptable). */
    record Verdict(@Nullable JsonNode value, List<String> problems) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    private final JsonOutputValidator validator;

    ResponseCheck(JsonOutputValidator validator) {
        this.validator = validator;
    }

    Verdict check(OperationHandler handler, JsonNode input, @Nullable String text) {
        JsonOutputValidator.Verdict v = validator.check(text, handler.definition().responseSchema());
        if (!v.valid() || v.value() == null) return new Verdict(v.value(), v.errors());
        List<String> custom = new ArrayList<>(handler.validate(input, v.value()));
        return new Verdict(v.value(), custom);
    }

    /** The request for a second answer: what was wrong with the first, and how to answer. */
    static String repairRequest(List<String> problems) {
        return "Your answer was not valid for this operation:\n- " + String.join("\n- ", problems)
                + "\nAnswer again with only the corrected JSON.";
    }

    /** {@code VALIDATION} naming the operation and listing the problems of its second answer. */
    static BatonException invalidAfterRepair(String operation, List<String> problems) {
        return BatonException.builder(ErrorCode.VALIDATION, "operation " + operation
                        + ": the response is not valid after one repair attempt: " + String.join("; ", problems))
                .reason(ErrorReason.MALFORMED_RESPONSE)
                .context(ErrorContext.EMPTY.withOperation(operation))
                .retriable(false)
                .suggestion("use a stronger model, or loosen the response schema").build();
    }
}
