package dev.baton.tool.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.baton.tool.Tool;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks tool arguments against the tool's JSON Schema (2020-12 unless the schema names its own
 * dialect; networknt json-schema-validator). Each tool's schema is compiled once, on its first
 * call, and kept for that tool name and schema. Thread-safe.
 */
final class ArgumentValidator {

    private static final int MAX_ERRORS = 5;

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /**
     * By name and schema text, not by instance: a source may hand out fresh tool objects on every
     * listing, and a long-lived Baton must not keep one entry per object.
     */
    private final Map<Key, Compiled> schemas = new ConcurrentHashMap<>();

    private record Key(String tool, String schema) {
    }

    /** A compiled schema, or why the tool's schema could not be compiled. */
    private record Compiled(@org.jspecify.annotations.Nullable Schema schema, String problem) {
    }

    /**
     * The problems of {@code arguments} for {@code tool}, each naming the field
     * ({@code field 'path': ...}, or the schema's message naming a missing property); empty when
     * they are valid.
     */
    List<String> problems(Tool tool, JsonNode arguments) {
        Compiled c = schemas.computeIfAbsent(new Key(tool.name(), tool.parametersSchema()), this::compile);
        if (c.schema() == null) return List.of(c.problem());
        List<String> out = new ArrayList<>();
        for (Error e : c.schema().validate(arguments)) {
            if (out.size() == MAX_ERRORS) break;
            String field = field(String.valueOf(e.getInstanceLocation()));
            out.add(field.isEmpty() ? e.getMessage() : "field '" + field + "': " + e.getMessage());
        }
        return out;
    }

    /** A JSON Pointer ({@code /a/0/b}) as a field path ({@code a.0.b}); the root is empty. */
    static String field(String pointer) {
        String p = pointer.startsWith("$") ? pointer.substring(1) : pointer;
        p = p.startsWith("/") || p.startsWith(".") ? p.substring(1) : p;
        return p.replace('/', '.').replace("~1", "/").replace("~0", "~");
    }

    private Compiled compile(Key tool) {
        try {
            JsonNode node = mapper.readTree(tool.schema());
            Schema s = registry.getSchema(node);
            s.initializeValidators();
            return new Compiled(s, "");
        } catch (JacksonException | IllegalArgumentException | IllegalStateException e) {
            // a broken schema is the tool's fault: every call to it is refused with the reason, never run unchecked
            return new Compiled(null, "tool '" + tool.tool() + "' has an unusable parameters schema: " + e.getMessage());
        }
    }
}
