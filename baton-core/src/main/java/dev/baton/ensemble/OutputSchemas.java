package dev.baton.ensemble;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Compiles agents' {@code output_schema}s (JSON Schema, 2020-12 unless the schema names its own
 * dialect) with networknt json-schema-validator and checks outputs against them. Compiled schemas
 * are cached per schema text. Thread-safe.
 */
final class OutputSchemas {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> cache = new ConcurrentHashMap<>();
    private volatile Schema metaSchema;

    /** Compiles {@code schema}; throws {@link IllegalArgumentException} when it is not a usable schema. */
    Schema compile(JsonNode schema) {
        return cache.computeIfAbsent(schema.toString(), key -> {
            List<Error> metaErrors;
            try {
                metaErrors = meta().validate(schema);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid output_schema: " + e.getMessage(), e);
            }
            if (!metaErrors.isEmpty()) {
                throw new IllegalArgumentException("invalid output_schema: " + metaErrors.stream()
                        .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList());
            }
            try {
                Schema s = registry.getSchema(schema);
                s.initializeValidators();
                return s;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid output_schema: " + e.getMessage(), e);
            }
        });
    }

    /** The 2020-12 meta-schema (bundled with the validator; no network access). */
    private Schema meta() {
        Schema m = metaSchema;
        if (m == null) {
            m = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
            metaSchema = m;
        }
        return m;
    }

    /** The violations of {@code value} against {@code schema}, as readable lines; empty when valid. */
    List<String> violations(JsonNode schema, JsonNode value) {
        List<Error> errors = compile(schema).validate(value);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
