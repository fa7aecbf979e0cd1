package dev.baton.operation.internal;

import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.error.BatonException;
import dev.baton.llm.ChatModel;
import dev.baton.operation.OperationDefinition;
import dev.baton.operation.OperationEntry;
import dev.baton.operation.OperationHandler;
import dev.baton.operation.OperationMode;
import dev.baton.operation.OperationProblem;
import dev.baton.operation.OperationRegistry;
import dev.baton.operation.OperationResult;
import dev.baton.operation.Operations;
import dev.baton.pipeline.internal.JsonOutputValidator;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link Operations} over a registry of Java handlers and the definition files of one project:
 * input checked, then the monolithic or agentic execution.
 */
public final class DefaultOperations implements Operations {

    private final OperationFiles files;
    private final OperationRegistry registry;
    private final Predicate<String> profileExists;
    private final Supplier<Ensembles> ensembles;
    private final InputCheck inputs = new InputCheck();
    private final JsonOutputValidator schemas;
    private final MonolithicExecution monolithic;
    private final AgenticExecution agentic;

    /**
     * @param handlers      the Java handlers registered on the builder
     * @param models        the pipeline model of a profile name
     * @param profileExists whether a profile name resolves (for {@link #validate()})
     */
    public DefaultOperations(dev.baton.config.BatonPaths paths, List<OperationHandler> handlers,
                             Function<String, ChatModel> models, Predicate<String> profileExists,
                             Supplier<Ensembles> ensembles) {
        JsonOutputValidator validator = new JsonOutputValidator();
        this.schemas = validator;
        this.files = new OperationFiles(paths, new OperationFileParser(validator));
        this.registry = new OperationRegistry(handlers, () -> files.read().entries());
        this.profileExists = profileExists;
        this.ensembles = ensembles;
        ResponseCheck check = new ResponseCheck(validator);
        this.monolithic = new MonolithicExecution(models, check);
        this.agentic = new AgenticExecution(ensembles, check);
    }

    @Override
    public List<Path> directories() {
        return files.directories();
    }

    @Override
    public List<OperationEntry> list() {
        return registry.entries();
    }

    @Override
    public OperationHandler find(String id) {
        return registry.find(id).handler();
    }

    @Override
    public List<OperationProblem> problems() {
        return files.read().problems();
    }

    @Override
    public List<OperationProblem> validate() {
        OperationFiles.Read read = files.read();
        List<OperationProblem> out = new ArrayList<>(read.problems());
        for (OperationEntry e : registry.entries()) out.addAll(references(e));
        return out;
    }

    /** The problems of what {@code e} refers to: its profile, or its ensemble (which must load). */
    private List<OperationProblem> references(OperationEntry e) {
        OperationDefinition d = e.definition();
        String file = e.file() == null ? "<java handler " + d.id() + ">" : e.file().toString();
        List<OperationProblem> out = new ArrayList<>();
        if (e.file() == null) out.addAll(handlerProblems(file, d));
        if (d.mode() == OperationMode.MONOLITHIC && !profileExists.test(d.profileOrDefault())) {
            out.add(new OperationProblem(file, d.id(), e.line(), "profile", "no profile '" + d.profileOrDefault()
                    + "' (see: baton profiles list)"));
        }
        if (d.mode() == OperationMode.AGENTIC) {
            try {
                Path ensemble = ensembles.get().locate(d.ensemble());
                for (Problem p : ensembles.get().validate(ensemble)) {
                    out.add(new OperationProblem(file, d.id(), e.line(), "ensemble", "ensemble '" + d.ensemble()
                            + "' does not load: " + p));
                }
            } catch (BatonException notFound) {
                out.add(new OperationProblem(file, d.id(), e.line(), "ensemble", notFound.getMessage()));
            }
        }
        return out;
    }

    /** What the file parser checks of a definition, for a Java handler's (built in code, never parsed). */
    private List<OperationProblem> handlerProblems(String where, OperationDefinition d) {
        List<OperationProblem> out = new ArrayList<>();
        for (var schema : List.of(Map.entry("input_schema", d.inputSchema()), Map.entry("response_schema", d.responseSchema()))) {
            try {
                schemas.compile(schema.getValue());
            } catch (IllegalArgumentException bad) {
                out.add(new OperationProblem(where, d.id(), 0, schema.getKey(), String.valueOf(bad.getMessage())
                        .replaceFirst("^invalid output_schema: ", "not a valid JSON Schema: ")));
            }
        }
        for (String unknown : PromptTemplate.unknown(d.prompt(), d.inputSchema())) {
            out.add(new OperationProblem(where, d.id(), 0, "prompt", "placeholder {{" + unknown
                    + "}} is neither {{input}} nor a property of input_schema"));
        }
        return out;
    }

    @Override
    public JsonNode checkInput(String id, JsonNode input) {
        return inputs.checked(registry.find(id).definition(), input);
    }

    @Override
    public OperationResult run(String id, JsonNode input, Map<String, String> callMetadata) {
        OperationHandler handler = registry.find(id).handler();
        JsonNode checked = inputs.checked(handler.definition(), input);
        return handler.definition().mode() == OperationMode.AGENTIC
                ? agentic.run(handler, checked, callMetadata)
                : monolithic.run(handler, checked, callMetadata);
    }
}
