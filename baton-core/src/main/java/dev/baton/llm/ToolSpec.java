package dev.baton.llm;

import java.util.Objects;

/**
 * A tool a model may call: name, description and a JSON Schema (object) for its parameters,
 * held as JSON text.
 */
public record ToolSpec(String name, String description, String parametersSchemaJson) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        if (description == null) description = "";
        if (parametersSchemaJson == null || parametersSchemaJson.isBlank()) {
            parametersSchemaJson = "{\"type\":\"object\",\"properties\":{}}";
        }
    }
}
