package dev.baton.pipeline.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one check of structured output, used by the pipeline ({@link ValidatedChatModel}) for model
 * answers and by the ensemble engine for script agents' {@code output_format}/{@code output_schema}
 * and for {@code output_schema}s at load time. An output is valid JSON when its text, with one
 * surrounding Markdown code fence removed (models without a native JSON mode often add one), is
 * exactly one JSON value; it is valid against a schema when it also matches that JSON Schema
 * (2020-12 unless the schema names its own dialect; networknt json-schema-validator, bundled
 * meta-schemas, no network access). Compiled schemas are cached by their text. Thread-safe.
 */
public final class JsonOutputValidator {

    private static final int MAX_ERRORS = 10;

    /** The outcome of a check: the parsed value ({@code null} when not JSON) and why it is invalid. */
    public record Verdict(JsonNode value, List<String> errors) {
        public Verdict {
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Shared by all validators: a validator is made per ensemble load (each {@code invoke}), and a
     * mapper costs its construction and cold caches every time; a built mapper is immutable.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** Built on the first schema: most runs check none, and building it costs a fresh process ~10 ms. */
    private volatile SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private volatile Schema metaSchema;

    /**
     * Checks {@code text} as JSON and, when {@code schemaJson} is not null, against that schema.
     *
     * @throws IllegalArgumentException when {@code schemaJson} is not a usable schema
     */
    public Verdict check(String text, String schemaJson) {
        String body = text == null ? "" : stripFence(text);
        if (body.isEmpty()) return new Verdict(null, List.of("the output is empty"));
        JsonNode value;
        try {
            value = MAPPER.readTree(body);
        } catch (JacksonException e) {
            return new Verdict(null, List.of("the output is not valid JSON: " + firstLine(e.getOriginalMessage())));
        }
        if (schemaJson == null) return new Verdict(value, List.of());
        List<String> errors = new ArrayList<>();
        for (Error e : schema(schemaJson).validate(value)) {
            if (errors.size() == MAX_ERRORS) break;
            errors.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return new Verdict(value, errors);
    }

    /** Checks {@code text} as JSON and, when {@code schema} is not null, against it. */
    public Verdict check(String text, JsonNode schema) {
        return check(text, schema == null ? null : schema.toString());
    }

    /** Any JSON value {@code text} holds (a code fence removed), or {@code null} when it is not JSON. */
    public JsonNode parse(String text) {
        if (text == null) return null;
        String body = stripFence(text);
        if (body.isEmpty()) return null;
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * Compiles {@code schema} after checking it against its meta-schema; the result is cached.
     *
     * @throws IllegalArgumentException naming what is wrong when it is not a usable schema
     */
    public void compile(JsonNode schema) {
        schema(schema.toString());
    }

    /** As {@link #compile(JsonNode)}, for a schema given as JSON text. */
    public void compile(String schemaJson) {
        schema(schemaJson);
    }

    private Schema schema(String schemaJson) {
        Schema cached = schemas.get(schemaJson);
        if (cached != null) return cached;
        return schemas.computeIfAbsent(schemaJson, this::compileText);
    }

    private Schema compileText(String schemaJson) {
        JsonNode node;
        try {
            node = MAPPER.readTree(schemaJson);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid output_schema: not JSON: " + firstLine(e.getOriginalMessage()), e);
        }
        List<Error> metaErrors;
        try {
            metaErrors = meta().validate(node);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid output_schema: " + e.getMessage(), e);
        }
        if (!metaErrors.isEmpty()) {
            throw new IllegalArgumentException("invalid output_schema: " + metaErrors.stream()
                    .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList());
        }
        try {
            Schema s = registry().getSchema(node);
            s.initializeValidators();
            return s;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid output_schema: " + e.getMessage(), e);
        }
    }

    /** The 2020-12 meta-schema (bundled with the validator). */
    private Schema meta() {
        Schema m = metaSchema;
        if (m == null) {
            m = registry().getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
            metaSchema = m;
        }
        return m;
    }

    /** {@code text} stripped, without one Markdown code fence around it (with or without a language tag). */
    public static String stripFence(String text) {
        String t = text.strip();
        if (!t.startsWith("```")) return t;
        int firstNewline = t.indexOf('\n');
        int close = t.lastIndexOf("```");
        if (firstNewline < 0 || close <= firstNewline) return t;
        return t.substring(firstNewline + 1, close).strip();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
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
}
