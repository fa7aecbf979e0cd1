package dev.baton.operation.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.operation.OperationDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an operation's input against its input schema before anything is spent. Missing top-level
 * fields whose schema has a {@code default} get it first. Each problem names the input field
 * ({@code input field 'code': ...}); a missing required field is named by itself, not by its
 * parent. Compiled schemas are cached by their text. Thread-safe.
 */
public final class InputCheck {

    private static final int MAX_ERRORS = 10;

    /** Built on the first check: building it costs a fresh process some milliseconds. */
    private volatile @org.jspecify.annotations.Nullable SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * {@code input} with the schema's top-level defaults filled in.
     *
     * @throws BatonException {@code VALIDATION} naming each field that is wrong
     */
    public JsonNode checked(OperationDefinition operation, JsonNode input) {
        JsonNode withDefaults = withDefaults(operation.inputSchema(), input);
        List<String> problems = problems(operation.inputSchema(), withDefaults);
        if (problems.isEmpty()) return withDefaults;
        throw BatonException.builder(ErrorCode.VALIDATION, "operation " + operation.id() + ": invalid input: "
                        + String.join("; ", problems))
                .context(ErrorContext.EMPTY.withOperation(operation.id()))
                .suggestion("see the input schema: baton ops show " + operation.id()).build();
    }

    /** The problems of {@code input} against {@code schema}, each naming the field; empty when valid. */
    List<String> problems(JsonNode schema, JsonNode input) {
        Schema compiled;
        try {
            compiled = schemas.computeIfAbsent(schema.toString(), text -> {
                Schema s = registry().getSchema(schema);
                s.initializeValidators();
                return s;
            });
        } catch (RuntimeException e) {
            // only a Java handler's schema can get here: definition files are checked when read
            throw BatonException.builder(ErrorCode.CONFIGURATION, "the input schema cannot be used: " + e.getMessage())
                    .retriable(false).build();
        }
        List<String> out = new ArrayList<>();
        for (Error e : compiled.validate(input)) {
            if (out.size() == MAX_ERRORS) break;
            String field = field(String.valueOf(e.getInstanceLocation()));
            if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
                field = field.isEmpty() ? e.getProperty() : field + "." + e.getProperty();
                out.add("input field '" + field + "' is required");
            } else {
                out.add(field.isEmpty() ? "the input: " + e.getMessage() : "input field '" + field + "': " + e.getMessage());
            }
        }
        return out;
    }

    private SchemaRegistry registry() {
        SchemaRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                r = registry;
                if (r == null) registry = r = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            }
        }
        return r;
    }

    private static JsonNode withDefaults(JsonNode schema, JsonNode input) {
        JsonNode properties = schema.path("properties");
        if (!(input instanceof ObjectNode object) || !properties.isObject()) return input;
        ObjectNode copy = null;
        for (String name : properties.propertyNames()) {
            JsonNode d = properties.get(name).get("default");
            if (d == null || object.has(name)) continue;
            if (copy == null) copy = object.deepCopy();
            copy.set(name, d.deepCopy());
        }
        return copy == null ? input : copy;
    }

    /** A JSON pointer or path ({@code /a/0/b}, {@code $.a}) as a field path ({@code a.0.b}); the root is empty. */
    static String field(String pointer) {
        String p = pointer.startsWith("$") ? pointer.substring(1) : pointer;
        p = p.startsWith("/") || p.startsWith(".") ? p.substring(1) : p;
        return p.replace('/', '.').replace("~1", "/").replace("~0", "~");
    }
}
