package dev.baton.provider.gemini.internal;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiSchemaConverterTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final GeminiSchemaConverter converter = new GeminiSchemaConverter(JSON);

    private JsonNode convert(String schema) {
        return converter.convert(JSON.readTree(schema));
    }

    @Test
    void local_refs_are_inlined_and_definitions_dropped() {
        JsonNode out = convert("""
                {"type":"object","$defs":{"Point":{"type":"object","properties":{"x":{"type":"number"}}}},
                 "properties":{"at":{"$ref":"#/$defs/Point"},"list":{"type":"array","items":{"$ref":"#/$defs/Point"}}}}""");

        assertThat(out.has("$defs")).isFalse();
        assertThat(out.path("properties").path("at").path("properties").path("x").path("type").asString()).isEqualTo("number");
        assertThat(out.path("properties").path("list").path("items").path("type").asString()).isEqualTo("object");
    }

    @Test
    void recursive_refs_stop_at_an_untyped_object() {
        JsonNode out = convert("""
                {"$defs":{"Node":{"type":"object","properties":{"next":{"$ref":"#/$defs/Node"}}}},"$ref":"#/$defs/Node"}""");

        JsonNode deepest = out;
        int depth = 0;
        while (deepest.path("properties").has("next")) {
            deepest = deepest.path("properties").path("next");
            depth++;
        }
        assertThat(depth).isBetween(1, 10);
        assertThat(deepest.path("type").asString()).isEqualTo("object");
    }

    @Test
    void one_of_becomes_any_of_with_null_as_nullable_and_const_becomes_enum() {
        JsonNode out = convert("""
                {"oneOf":[{"type":"string"},{"type":"null"}],"description":"d"}""");
        JsonNode c = convert("{\"const\":\"fixed\"}");

        assertThat(out.path("anyOf")).hasSize(1);
        assertThat(out.path("nullable").asBoolean()).isTrue();
        assertThat(out.path("description").asString()).isEqualTo("d");
        assertThat(c.path("type").asString()).isEqualTo("string");
        assertThat(c.path("enum").path(0).asString()).isEqualTo("fixed");
        assertThat(c.path("format").asString()).isEqualTo("enum");
    }

    @Test
    void unsupported_keywords_and_formats_are_dropped_and_supported_ones_kept() {
        JsonNode out = convert("""
                {"type":"object","additionalProperties":false,"patternProperties":{"x":{}},"properties":{
                 "n":{"type":"integer","format":"int64","minimum":1,"exclusiveMaximum":9,"multipleOf":2},
                 "k":{"type":"integer","enum":[1,2]},
                 "t":{"type":"string","format":"date-time","maxLength":30},
                 "u":{"type":"string","format":"uri","examples":["https://x"]}}}""");

        assertThat(out.has("additionalProperties")).isFalse();
        assertThat(out.has("patternProperties")).isFalse();
        JsonNode p = out.path("properties");
        assertThat(p.path("n").path("format").asString()).isEqualTo("int64");
        assertThat(p.path("n").path("minimum").asInt()).isEqualTo(1);
        assertThat(p.path("n").has("exclusiveMaximum")).isFalse();
        assertThat(p.path("n").has("multipleOf")).isFalse();
        assertThat(p.path("k").has("enum")).as("integer enums are not accepted").isFalse();
        assertThat(p.path("t").path("format").asString()).isEqualTo("date-time");
        assertThat(p.path("u").has("format")).isFalse();
        assertThat(p.path("u").path("example").asString()).isEqualTo("https://x");
    }

    @Test
    void all_of_parts_are_merged() {
        JsonNode out = convert("""
                {"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},
                          {"properties":{"b":{"type":"integer"}},"required":["b"]}]}""");

        assertThat(out.path("type").asString()).isEqualTo("object");
        assertThat(out.path("properties").has("a")).isTrue();
        assertThat(out.path("properties").has("b")).isTrue();
        assertThat(out.path("required")).hasSize(2);
    }
}
