package dev.baton.operation;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.BiFunction;

/**
 * One operation Baton can run: its {@link OperationDefinition} and, optionally, checks of a
 * response beyond its schema written in Java. A response that fails them is repaired once, like
 * one that fails the schema (the problems fed back to the model), then the run fails with
 * {@code VALIDATION} listing them. Implementations must be thread-safe.
 */
public interface OperationHandler {

    OperationDefinition definition();

    /**
     * Problems of {@code response} (already valid against the response schema) for {@code input};
     * each a sentence naming the field. Empty when it is acceptable. By default: none.
     */
    default List<String> validate(JsonNode input, JsonNode response) {
        return List.of();
    }

    /** A handler that is only its definition. */
    static OperationHandler of(OperationDefinition definition) {
        return () -> definition;
    }

    /** A handler with custom checks ({@code check.apply(input, response)} → problems). */
    static OperationHandler of(OperationDefinition definition, BiFunction<JsonNode, JsonNode, List<String>> check) {
        return new OperationHandler() {
            @Override
            public OperationDefinition definition() {
                return definition;
            }

            @Override
            public List<String> validate(JsonNode input, JsonNode response) {
                return List.copyOf(check.apply(input, response));
            }
        };
    }
}
