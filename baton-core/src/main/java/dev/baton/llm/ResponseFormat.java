package dev.baton.llm;

/**
 * The shape the output must take: free text, any JSON object, or JSON matching a schema
 * (held as JSON text, with a name some providers require).
 */
public record ResponseFormat(Kind kind, String name, String schemaJson) {

    /** The kinds of output format. */
    public enum Kind { TEXT, JSON, JSON_SCHEMA }

    public static final ResponseFormat TEXT = new ResponseFormat(Kind.TEXT, null, null);
    public static final ResponseFormat JSON = new ResponseFormat(Kind.JSON, null, null);

    public ResponseFormat {
        if (kind == Kind.JSON_SCHEMA && (schemaJson == null || schemaJson.isBlank())) {
            throw new IllegalArgumentException("JSON_SCHEMA response format needs a schema");
        }
        if (kind == Kind.JSON_SCHEMA && (name == null || name.isBlank())) name = "response";
    }

    public static ResponseFormat jsonSchema(String name, String schemaJson) {
        return new ResponseFormat(Kind.JSON_SCHEMA, name, schemaJson);
    }
}
