package dev.baton.provider.scripted;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaInstanceGeneratorTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final SchemaInstanceGenerator generator = new SchemaInstanceGenerator();

    /** The validator the generated instances must pass, format assertions on (formats are checked, not just annotated). */
    private static List<Error> validate(JsonNode schema, JsonNode instance) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        Schema compiled = registry.getSchema(schema);
        return compiled.validate(instance);
    }

    static Stream<Arguments> schemas() {
        return Stream.of(
                Arguments.of("plain string", """
                        {"type": "string"}"""),
                Arguments.of("bounded integer", """
                        {"type": "integer", "minimum": 10, "maximum": 12}"""),
                Arguments.of("exclusive number bounds", """
                        {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}"""),
                Arguments.of("integer multipleOf with minimum", """
                        {"type": "integer", "multipleOf": 7, "minimum": 20}"""),
                Arguments.of("decimal multipleOf in a range", """
                        {"type": "number", "multipleOf": 0.25, "minimum": 1.1, "maximum": 2}"""),
                Arguments.of("negative maximum only", """
                        {"type": "number", "maximum": -10}"""),
                Arguments.of("draft-04 boolean exclusiveMinimum", """
                        {"$schema": "http://json-schema.org/draft-04/schema#", "type": "integer",
                         "minimum": 5, "exclusiveMinimum": true, "maximum": 6}"""),
                Arguments.of("closed nested object", """
                        {"type": "object", "additionalProperties": false, "required": ["name", "address"],
                         "properties": {
                           "name": {"type": "string", "minLength": 2, "maxLength": 40},
                           "age": {"type": "integer", "minimum": 0, "maximum": 150},
                           "address": {"type": "object", "additionalProperties": false, "required": ["city"],
                                       "properties": {"city": {"type": "string"}, "zip": {"type": "string", "pattern": "^\\\\d{5}$"}}}}}"""),
                Arguments.of("string enum", """
                        {"enum": ["low", "medium", "high"]}"""),
                Arguments.of("const", """
                        {"const": {"kind": "fixed", "n": 3}}"""),
                Arguments.of("type array with null", """
                        {"type": ["string", "null"], "minLength": 3}"""),
                Arguments.of("nullable keyword", """
                        {"type": "object", "properties": {"note": {"type": "string", "nullable": true}}, "required": ["note"]}"""),
                Arguments.of("unique bounded integer array", """
                        {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 10}, "minItems": 3, "maxItems": 5, "uniqueItems": true}"""),
                Arguments.of("unique enum array", """
                        {"type": "array", "items": {"enum": ["a", "b", "c"]}, "minItems": 3, "uniqueItems": true}"""),
                Arguments.of("unique object array", """
                        {"type": "array", "minItems": 2, "uniqueItems": true,
                         "items": {"type": "object", "properties": {"id": {"type": "integer"}, "label": {"type": "string"}}, "required": ["id"]}}"""),
                Arguments.of("prefixItems closed", """
                        {"type": "array", "prefixItems": [{"type": "string", "format": "date"}, {"type": "integer"}, {"type": "boolean"}], "items": false, "minItems": 2}"""),
                Arguments.of("draft-07 tuple items", """
                        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "array",
                         "items": [{"type": "string"}, {"type": "number"}], "additionalItems": false}"""),
                Arguments.of("formats", """
                        {"type": "object", "required": ["at", "day", "mail", "link", "id", "host", "v4", "v6", "clock"],
                         "properties": {"at": {"type": "string", "format": "date-time"}, "day": {"type": "string", "format": "date"},
                           "mail": {"type": "string", "format": "email"}, "link": {"type": "string", "format": "uri"},
                           "id": {"type": "string", "format": "uuid"}, "host": {"type": "string", "format": "hostname"},
                           "v4": {"type": "string", "format": "ipv4"}, "v6": {"type": "string", "format": "ipv6"},
                           "clock": {"type": "string", "format": "time"}}}"""),
                Arguments.of("pattern with quantifier braces", """
                        {"type": "string", "pattern": "^[A-Z]{3}-\\\\d{4}$"}"""),
                Arguments.of("pattern with minLength", """
                        {"type": "string", "pattern": "^[a-z]+$", "minLength": 10, "maxLength": 12}"""),
                Arguments.of("pattern alternation and groups", """
                        {"type": "string", "pattern": "^(?:red|green|blue)(-(light|dark))?$"}"""),
                Arguments.of("email-like pattern", """
                        {"type": "string", "pattern": "^[\\\\w.+-]+@[a-z0-9-]+\\\\.[a-z]{2,}$"}"""),
                Arguments.of("semver pattern, unanchored", """
                        {"type": "string", "pattern": "v\\\\d+\\\\.\\\\d+\\\\.\\\\d+"}"""),
                Arguments.of("oneOf discriminated union", """
                        {"oneOf": [
                          {"type": "object", "properties": {"kind": {"const": "circle"}, "r": {"type": "number", "exclusiveMinimum": 0}}, "required": ["kind", "r"]},
                          {"type": "object", "properties": {"kind": {"const": "square"}, "side": {"type": "number"}}, "required": ["kind", "side"]}]}"""),
                Arguments.of("oneOf integer or number", """
                        {"oneOf": [{"type": "integer"}, {"type": "number"}]}"""),
                Arguments.of("oneOf overlapping strings", """
                        {"oneOf": [{"type": "string", "minLength": 40}, {"type": "string", "pattern": "^sample"}, {"type": "integer"}]}"""),
                Arguments.of("anyOf with null first", """
                        {"anyOf": [{"type": "null"}, {"type": "string", "minLength": 2}]}"""),
                Arguments.of("anyOf with impossible first branch", """
                        {"type": "integer", "minimum": 5, "anyOf": [{"maximum": 2}, {"multipleOf": 5}]}"""),
                Arguments.of("allOf merging objects", """
                        {"allOf": [
                          {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
                          {"properties": {"b": {"type": "integer", "minimum": 5}}, "required": ["b"]}]}"""),
                Arguments.of("allOf merging bounds", """
                        {"type": "integer", "allOf": [{"minimum": 10}, {"maximum": 20}, {"multipleOf": 3}]}"""),
                Arguments.of("recursive tree via $defs", """
                        {"$ref": "#/$defs/node",
                         "$defs": {"node": {"type": "object", "required": ["value", "children"],
                           "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}}"""),
                Arguments.of("recursive list with anyOf null", """
                        {"$ref": "#/$defs/list",
                         "$defs": {"list": {"type": "object", "required": ["head", "tail"],
                           "properties": {"head": {"type": "integer"}, "tail": {"anyOf": [{"$ref": "#/$defs/list"}, {"type": "null"}]}}}}}"""),
                Arguments.of("draft-07 definitions", """
                        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                         "properties": {"owner": {"$ref": "#/definitions/person"}}, "required": ["owner"],
                         "definitions": {"person": {"type": "object", "properties": {"email": {"type": "string", "format": "email"}}, "required": ["email"]}}}"""),
                Arguments.of("$ref with siblings", """
                        {"$ref": "#/$defs/base", "properties": {"extra": {"type": "boolean"}}, "required": ["extra"],
                         "$defs": {"base": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}, "required": ["id"]}}}"""),
                Arguments.of("$anchor reference", """
                        {"type": "object", "properties": {"x": {"$ref": "#num"}}, "required": ["x"],
                         "$defs": {"n": {"$anchor": "num", "type": "integer", "minimum": 100}}}"""),
                Arguments.of("patternProperties with minProperties", """
                        {"type": "object", "patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false, "minProperties": 2}"""),
                Arguments.of("propertyNames with minProperties", """
                        {"type": "object", "propertyNames": {"pattern": "^[a-z]{3}$"}, "additionalProperties": {"type": "integer"}, "minProperties": 3}"""),
                Arguments.of("dependentRequired within maxProperties", """
                        {"type": "object", "maxProperties": 2, "required": ["a"], "dependentRequired": {"a": ["c"]},
                         "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}}}"""),
                Arguments.of("invalid example is skipped", """
                        {"type": "string", "examples": ["hello world"], "maxLength": 3}"""),
                Arguments.of("default is used", """
                        {"type": "integer", "default": 42, "minimum": 0}"""),
                Arguments.of("contains with minContains", """
                        {"type": "array", "items": {"type": "integer"}, "contains": {"minimum": 10}, "minContains": 2, "uniqueItems": true}"""),
                Arguments.of("long minLength", """
                        {"type": "string", "minLength": 50}"""),
                Arguments.of("boolean true schema", "true"),
                Arguments.of("empty schema", "{}"),
                Arguments.of("structured output, strict", """
                        {"type": "object", "additionalProperties": false, "required": ["summary", "findings", "confidence", "next_step"],
                         "properties": {
                           "summary": {"type": "string", "maxLength": 200},
                           "findings": {"type": "array", "minItems": 1, "items": {"type": "object", "additionalProperties": false,
                             "required": ["severity", "title", "line"],
                             "properties": {"severity": {"type": "string", "enum": ["info", "warning", "error"]},
                                            "title": {"type": "string"}, "line": {"type": ["integer", "null"], "minimum": 1}}}},
                           "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                           "next_step": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}"""),
                Arguments.of("coordinator plan", """
                        {"type": "object", "required": ["jobs"], "additionalProperties": false,
                         "properties": {"jobs": {"type": "array", "minItems": 1, "maxItems": 5, "items": {"$ref": "#/$defs/job"}}},
                         "$defs": {"job": {"type": "object", "additionalProperties": false, "required": ["tool", "priority", "budget_share", "params"],
                           "properties": {"tool": {"enum": ["code_context", "code_changelog", "doc_context", "doc_changelog", "architect_advice"]},
                             "priority": {"type": "integer", "minimum": 1, "maximum": 5},
                             "budget_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                             "params": {"type": "object", "additionalProperties": {"type": "string"}}}}}}""")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void generated_instance_validates_against_its_schema(String name, String schemaJson) {
        JsonNode schema = JSON.readTree(schemaJson);

        JsonNode instance = generator.generate(schema);

        assertThat(validate(schema, instance)).as("%s: instance %s", name, instance).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void generation_is_deterministic(String name, String schemaJson) {
        assertThat(generator.generate(schemaJson)).isEqualTo(new SchemaInstanceGenerator().generate(schemaJson));
    }

    @Test
    void the_validator_used_here_rejects_wrong_instances_and_formats() {
        JsonNode schema = JSON.readTree("""
                {"type": "object", "properties": {"n": {"type": "integer"}, "m": {"type": "string", "format": "email"}}}""");

        assertThat(validate(schema, JSON.readTree("{\"n\": \"x\"}"))).isNotEmpty();
        assertThat(validate(schema, JSON.readTree("{\"m\": \"not an email\"}"))).isNotEmpty();
    }

    @Test
    void prefers_const_then_examples_then_default_then_enum() {
        assertThat(generator.generate("{\"const\": 7, \"default\": 3}").asInt()).isEqualTo(7);
        assertThat(generator.generate("{\"type\": \"string\", \"examples\": [\"hi\"], \"default\": \"yo\"}").asString()).isEqualTo("hi");
        assertThat(generator.generate("{\"type\": \"integer\", \"default\": 42}").asInt()).isEqualTo(42);
        assertThat(generator.generate("{\"enum\": [\"b\", \"a\"]}").asString()).isEqualTo("b");
    }

    @Test
    void includes_optional_properties_near_the_root_in_declaration_order() {
        JsonNode instance = generator.generate("""
                {"type": "object", "properties": {"z": {"type": "string"}, "a": {"type": "integer"}}, "required": ["a"]}""");

        assertThat(instance.propertyNames()).containsExactly("z", "a");
        assertThat(instance.get("z").asString()).isEqualTo("sample z");
    }

    @Test
    void builds_strings_matching_common_patterns() {
        assertThat(generator.generate("{\"type\": \"string\", \"pattern\": \"^[A-Z]{3}-\\\\d{4}$\"}").asString())
                .matches("[A-Z]{3}-\\d{4}");
        assertThat(generator.generate("{\"type\": \"string\", \"pattern\": \"^(red|green)$\"}").asString()).isEqualTo("red");
    }

    @Test
    void unsupported_pattern_gives_a_string_instead_of_failing() {
        JsonNode instance = generator.generate("{\"type\": \"string\", \"pattern\": \"^(?=.*\\\\d)[a-z0-9]{8,}$\"}");

        assertThat(instance.isString()).isTrue();
    }

    @Test
    void invalid_schema_json_is_an_invalid_request() {
        assertThatThrownBy(() -> generator.generate("{not json"))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
}
