package dev.baton.operation.internal;

import dev.baton.config.UnreadableTextException;
import dev.baton.config.Utf8TextReader;
import dev.baton.config.internal.YamlErrors;
import dev.baton.config.internal.YamlLimits;
import dev.baton.ensemble.load.internal.YamlTree;
import dev.baton.ensemble.spec.SourceLines;
import dev.baton.error.EditDistance;
import dev.baton.operation.OperationDefinition;
import dev.baton.operation.OperationEntry;
import dev.baton.operation.OperationHandler;
import dev.baton.operation.OperationMode;
import dev.baton.operation.OperationProblem;
import dev.baton.pipeline.internal.JsonOutputValidator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one operation definition file: a YAML mapping with {@code feature}, an optional
 * {@code description} and {@code operations}, a mapping of operation name to its definition
 * ({@code description}, {@code mode}, {@code profile}, {@code ensemble}, {@code system},
 * {@code prompt}, {@code input_schema}, {@code response_schema}). Every problem of the file is
 * reported at once, each with its line and field; an operation with a problem is left out, the
 * others of the file are kept.
 */
public final class OperationFileParser {

    static final Set<String> FILE_KEYS = Set.of("feature", "description", "operations");
    static final Set<String> OPERATION_KEYS = Set.of("description", "mode", "profile", "ensemble", "system", "prompt",
            "input_schema", "response_schema");

    /** The operations a file defines (valid ones only) and every problem found in it. */
    public record Parsed(List<OperationEntry> entries, List<OperationProblem> problems) {
    }

    private final YAMLMapper yaml = YamlLimits.mapperBuilder().build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonOutputValidator schemas;

    public OperationFileParser(JsonOutputValidator schemas) {
        this.schemas = schemas;
    }

    /** Reads and parses {@code file}; {@code source} is the entries' tier label. */
    public Parsed parse(Path file, String source) {
        try {
            return parse(Utf8TextReader.readFile(file, Utf8TextReader.MAX_YAML_BYTES), file, source);
        } catch (UnreadableTextException e) {
            return new Parsed(List.of(), List.of(new OperationProblem(file.toString(), null, 0, null, e.problem())));
        }
    }

    /** Parses {@code text} as the content of {@code file}. */
    public Parsed parse(String text, Path file, String source) {
        String name = file.toString();
        String oversize = YamlLimits.oversize(text);
        if (oversize != null) return new Parsed(List.of(), List.of(new OperationProblem(name, null, 0, null, oversize)));
        YamlTree.Result tree;
        try {
            tree = YamlTree.read(yaml, text);
        } catch (JacksonException e) {
            YamlErrors.Located where = YamlErrors.syntax(e);
            return new Parsed(List.of(), List.of(new OperationProblem(name, null, Math.max(where.line(), 0), null,
                    "YAML syntax error" + (where.column() > 0 ? " at column " + where.column() : "") + ": " + where.message())));
        } catch (YamlTree.AliasException e) {
            return new Parsed(List.of(), List.of(new OperationProblem(name, null, e.line(), null, e.getMessage())));
        }
        FileReader r = new FileReader(name, tree.lines());
        for (String dup : tree.duplicateKeys()) {
            r.problem(dup, null, dup.substring(dup.lastIndexOf('/') + 1), "duplicate key");
        }
        JsonNode root = tree.root();
        if (!root.isObject()) {
            r.problem("", null, null, "an operations file must be a YAML mapping with 'feature' and 'operations'");
            return new Parsed(List.of(), r.problems);
        }
        r.checkKeys(root, FILE_KEYS, "", null);
        String feature = r.string(root, "feature", "", null);
        if (feature == null || feature.isBlank()) {
            r.problem("", null, "feature", "'feature' is required (the part of each id before the dot, e.g. code)");
            return new Parsed(List.of(), r.problems);
        }
        if (!OperationDefinition.NAME.matcher(feature).matches()) {
            r.problem("/feature", null, "feature", "'" + feature + "' must match " + OperationDefinition.NAME.pattern());
            return new Parsed(List.of(), r.problems);
        }
        JsonNode ops = root.get("operations");
        if (ops == null || !ops.isObject() || ops.isEmpty()) {
            r.problem(ops == null ? "" : "/operations", null, "operations",
                    "'operations' must be a mapping of operation name to its definition, with at least one");
            return new Parsed(List.of(), r.problems);
        }
        List<OperationEntry> entries = new ArrayList<>();
        for (String op : ops.propertyNames()) {
            OperationDefinition d = operation(r, feature, op, ops.get(op));
            if (d != null) entries.add(new OperationEntry(OperationHandler.of(d), source, file, r.lines.at("/operations/" + op), false));
        }
        return new Parsed(entries, r.problems);
    }

    private @Nullable OperationDefinition operation(FileReader r, String feature, String op, JsonNode n) {
        String id = feature + "." + op;
        String p = "/operations/" + op.replace("~", "~0").replace("/", "~1");
        int before = r.problems.size();
        if (!OperationDefinition.NAME.matcher(op).matches()) {
            r.problem(p, id, null, "the operation name '" + op + "' must match " + OperationDefinition.NAME.pattern());
            return null;
        }
        if (!n.isObject()) {
            r.problem(p, id, null, "an operation must be a mapping with 'prompt', 'input_schema' and 'response_schema'");
            return null;
        }
        r.checkKeys(n, OPERATION_KEYS, p, id);
        String description = r.string(n, "description", p, id);
        OperationMode mode = mode(r, n, p, id);
        String profile = r.string(n, "profile", p, id);
        String ensemble = r.string(n, "ensemble", p, id);
        String system = r.string(n, "system", p, id);
        String prompt = r.string(n, "prompt", p, id);
        if (prompt == null || prompt.isBlank()) r.problem(p, id, "prompt", "'prompt' is required: the template of the request");
        if (mode == OperationMode.AGENTIC && (ensemble == null || ensemble.isBlank())) {
            r.problem(p + "/mode", id, "ensemble", "agentic mode needs 'ensemble': the ensemble that produces the response");
        }
        if (mode == OperationMode.MONOLITHIC && ensemble != null) {
            r.problem(p + "/ensemble", id, "ensemble", "'ensemble' is only used in agentic mode (set mode: agentic)");
        }
        if (mode == OperationMode.AGENTIC && profile != null) {
            r.problem(p + "/profile", id, "profile", "'profile' is only used in monolithic mode: an agentic operation's"
                    + " ensemble names its own profiles");
        }
        JsonNode input = schema(r, n, "input_schema", p, id);
        JsonNode response = schema(r, n, "response_schema", p, id);
        if (input != null && input.has("type") && !"object".equals(input.path("type").asString(""))) {
            r.problem(p + "/input_schema/type", id, "input_schema", "the input must be an object: 'type' must be object");
        }
        if (input != null && prompt != null) {
            for (String unknown : PromptTemplate.unknown(prompt, input)) {
                r.problem(p + "/prompt", id, "prompt", "placeholder {{" + unknown + "}} is neither {{input}} nor a property"
                        + " of input_schema" + hint(unknown, input.path("properties").propertyNames()));
            }
        }
        if (r.problems.size() > before || mode == null || prompt == null || input == null || response == null) return null;
        return new OperationDefinition(id, description, mode, profile, ensemble, system, prompt, input, response);
    }

    private static @Nullable OperationMode mode(FileReader r, JsonNode n, String p, String id) {
        String text = r.string(n, "mode", p, id);
        if (text == null) return OperationMode.MONOLITHIC;
        for (OperationMode m : OperationMode.values()) {
            if (m.label().equals(text.strip().toLowerCase(Locale.ROOT))) return m;
        }
        r.problem(p + "/mode", id, "mode", "'mode' must be monolithic or agentic, not '" + text + "'");
        return null;
    }

    /** A JSON Schema given as a YAML mapping or as JSON text, checked against the 2020-12 meta-schema. */
    private @Nullable JsonNode schema(FileReader r, JsonNode n, String key, String p, String id) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            r.problem(p, id, key, "'" + key + "' is required: a JSON Schema object");
            return null;
        }
        JsonNode schema = v;
        if (v.isString()) {
            try {
                schema = json.readTree(v.stringValue());
            } catch (JacksonException e) {
                schema = v;
            }
        }
        if (!schema.isObject()) {
            r.problem(p + "/" + key, id, key, "'" + key + "' must be a JSON Schema object (YAML mapping or JSON text)");
            return null;
        }
        try {
            schemas.compile(schema);
        } catch (IllegalArgumentException e) {
            r.problem(p + "/" + key, id, key, String.valueOf(e.getMessage()).replaceFirst("^invalid output_schema: ", "not a valid JSON Schema: "));
            return null;
        }
        return schema;
    }

    private static String hint(String name, Iterable<String> known) {
        String best = closest(name, known);
        return best == null ? "" : " (did you mean {{" + best + "}}?)";
    }

    /** The candidate within edit distance 2 of {@code name}, closest first; null when none is. */
    private static @Nullable String closest(String name, Iterable<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            int d = EditDistance.between(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Typed reads of the tree that record a problem, with its line, instead of throwing. */
    private static final class FileReader {
        private final String file;
        private final SourceLines lines;
        private final List<OperationProblem> problems = new ArrayList<>();

        FileReader(String file, SourceLines lines) {
            this.file = file;
            this.lines = lines;
        }

        void problem(String pointer, @Nullable String operation, @Nullable String field, String message) {
            problems.add(new OperationProblem(file, operation, lines.at(pointer), field, message));
        }

        void checkKeys(JsonNode node, Set<String> allowed, String pointer, @Nullable String operation) {
            for (String key : node.propertyNames()) {
                if (allowed.contains(key)) continue;
                String best = closest(key, allowed);
                problem(pointer + "/" + key, operation, key, "unknown key" + (best == null ? "" : " (did you mean '" + best + "'?)")
                        + "; known: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }

        @Nullable String string(JsonNode parent, String key, String pointer, @Nullable String operation) {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) return null;
            if (n.isString()) return n.stringValue();
            if (n.isNumber() || n.isBoolean()) return n.asString();
            problem(pointer + "/" + key, operation, key, "must be a string, found " + YamlErrors.describe(n));
            return null;
        }
    }
}
