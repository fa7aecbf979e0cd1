package dev.baton.operation;

import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a face (CLI, MCP server, HTTP server) does with operations. Definition files are read
 * afresh on every call, so a file added to {@code .baton/operations/} is there at once. Obtained
 * from {@code Baton.operations()}; thread-safe.
 *
 * <p>Prompt templates: {@code {{input}}} becomes the whole input as JSON, {@code {{name}}} the
 * input's top-level field {@code name} (a string as is, anything else as JSON, empty when absent).
 * Missing top-level fields with a {@code default} in the input schema get it before the input is
 * checked.
 */
public interface Operations {

    /** The folders definition files are read from, project tier first (they need not exist). */
    List<Path> directories();

    /**
     * Every operation that can be listed, sorted by id within Java handlers, then the project tier,
     * then the user tier; a later one with an id already listed is marked shadowed. Definitions with
     * problems are left out (see {@link #problems()}).
     */
    List<OperationEntry> list();

    /**
     * The handler of {@code id}.
     *
     * @throws dev.baton.error.BatonException {@code UNKNOWN_FEATURE} when no operation has the id's
     *         feature, {@code UNKNOWN_OPERATION} when the feature has no such operation; either lists what exists
     */
    OperationHandler find(String id);

    /** The problems of every definition file as written (syntax, keys, types, schemas, templates). */
    List<OperationProblem> problems();

    /** {@link #problems()} plus references: profiles that do not exist, ensembles that cannot be found or loaded. */
    List<OperationProblem> validate();

    /**
     * {@code input} with the input schema's top-level defaults filled in, checked against the
     * schema; {@link #run} does the same first, so a face calls this only to tell a bad input apart
     * from a failed run before spending anything.
     *
     * @throws dev.baton.error.BatonException {@code UNKNOWN_FEATURE}/{@code UNKNOWN_OPERATION}, or
     *         {@code VALIDATION} naming each input field that is wrong
     */
    JsonNode checkInput(String id, JsonNode input);

    /** Runs {@code id} on {@code input}. */
    default OperationResult run(String id, JsonNode input) {
        return run(id, input, Map.of());
    }

    /**
     * Runs {@code id} on {@code input}, labelling every model call with {@code callMetadata}
     * (keys of {@link dev.baton.pipeline.CallMetadata}, such as {@code api_key}).
     *
     * @throws dev.baton.error.BatonException {@code UNKNOWN_FEATURE}/{@code UNKNOWN_OPERATION};
     *         {@code VALIDATION} naming the input field that is wrong, or listing the response's
     *         problems after one repair; or whatever the model call or ensemble run failed with
     */
    OperationResult run(String id, JsonNode input, Map<String, String> callMetadata);
}
