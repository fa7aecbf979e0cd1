package dev.baton.mcp.server.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A tool's arguments checked against its input schema (JSON Schema 2020-12 unless the schema names
 * another dialect) before its handler runs, so every tool answers bad arguments the same way: an
 * error result naming each wrong field. Compiled once per tool; thread-safe.
 */
final class ArgumentCheck {

    private static final int MAX_PROBLEMS = 5;
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final String tool;
    private final @Nullable Schema schema;
    private final String unusable;

    ArgumentCheck(String tool, JsonNode inputSchema) {
        this.tool = tool;
        Schema compiled = null;
        String problem = "";
        try {
            compiled = REGISTRY.getSchema(inputSchema);
            compiled.initializeValidators();
        } catch (RuntimeException e) {
            // refused at every call with the reason rather than run unchecked
            compiled = null;
            problem = "tool '" + tool + "' has an unusable input schema: " + e.getMessage();
        }
        this.schema = compiled;
        this.unusable = problem;
    }

    /** What is wrong with {@code arguments}, one entry per problem naming its field; empty when they are valid. */
    List<String> problems(JsonNode arguments) {
        if (schema == null) return List.of(unusable);
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(arguments)) {
            if (out.size() == MAX_PROBLEMS) break;
            String field = field(String.valueOf(e.getInstanceLocation()));
            out.add(field.isEmpty() ? e.getMessage() : "field '" + field + "': " + e.getMessage());
        }
        return out;
    }

    /** The message of an error result for {@code problems}. */
    String message(List<String> problems) {
        return "invalid arguments for " + tool + ": " + String.join("; ", problems);
    }

    /** A JSON Pointer ({@code /a/0/b}, or {@code $.a}) as a dotted field path; the root is empty. */
    static String field(String pointer) {
        String p = pointer.startsWith("$") ? pointer.substring(1) : pointer;
        p = p.startsWith("/") || p.startsWith(".") ? p.substring(1) : p;
        return p.replace('/', '.').replace("~1", "/").replace("~0", "~");
    }
}
