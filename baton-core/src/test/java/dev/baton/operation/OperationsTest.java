package dev.baton.operation;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code baton.operations()}: input checks, monolithic and agentic runs, repairs, unknown ids, Java handlers. */
class OperationsTest {

    static final String CODE_OPERATIONS = """
            feature: code
            operations:
              summarize:
                description: Summarise code
                profile: fast
                system: You summarise code.
                prompt: "Summarise this {{language}} code:\\n{{code}}"
                input_schema:
                  type: object
                  required: [code]
                  properties:
                    code: {type: string, minLength: 1}
                    language: {type: string, default: java}
                    max_points: {type: integer, minimum: 1}
                response_schema:
                  type: object
                  required: [summary]
                  properties:
                    summary: {type: string}
                    points: {type: array, items: {type: string}}
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    private OperationProject project;

    @BeforeEach
    void setUp() throws Exception {
        project = new OperationProject(tmp).file(".baton/operations/code.yaml", CODE_OPERATIONS);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void a_monolithic_operation_sends_the_rendered_prompt_with_the_response_schema_and_returns_the_validated_result() {
        project.replies("{\"summary\": \"adds two ints\", \"points\": [\"pure\"]}");
        try (Baton baton = project.open()) {
            OperationResult r = baton.operations().run("code.summarize", json("{\"code\": \"int add(int a, int b)\"}"));

            assertThat(r.result().path("summary").asString()).isEqualTo("adds two ints");
            assertThat(r.metadata().mode()).isEqualTo(OperationMode.MONOLITHIC);
            assertThat(r.metadata().models()).containsExactly("scripted/m");
            assertThat(r.metadata().duration()).isPositive();
            assertThat(r.metadata().usage().totalTokens()).isPositive();
            ChatRequest sent = project.requests().getFirst();
            assertThat(sent.messages().getLast().text()).isEqualTo("Summarise this java code:\nint add(int a, int b)");
            assertThat(sent.messages().getFirst().text()).isEqualTo("You summarise code.");
            assertThat(sent.responseFormat().schemaJson()).contains("\"summary\"");
        }
    }

    @Test
    void an_input_error_names_the_field_and_nothing_is_sent() {
        try (Baton baton = project.open()) {
            assertThatThrownBy(() -> baton.operations().run("code.summarize", json("{\"language\": \"go\"}")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                        assertThat(e.getMessage()).contains("input field 'code' is required");
                        assertThat(e.context().operation()).isEqualTo("code.summarize");
                    });
            assertThatThrownBy(() -> baton.operations().run("code.summarize", json("{\"code\": \"x\", \"max_points\": \"three\"}")))
                    .isInstanceOfSatisfying(BatonException.class, e ->
                            assertThat(e.getMessage()).contains("input field 'max_points'").contains("integer"));
            assertThat(project.requests()).isEmpty();
        }
    }

    @Test
    void a_response_that_violates_the_schema_is_repaired_once_then_fails_with_validation_listing_the_errors() {
        project.replies("{\"points\": [1]}", "{\"summary\": 42}", "{\"summary\": \"never asked for\"}");
        try (Baton baton = project.open()) {
            assertThatThrownBy(() -> baton.operations().run("code.summarize", json("{\"code\": \"x\"}")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                        assertThat(e.getMessage()).contains("summary").contains("after one repair attempt");
                        assertThat(e.context().operation()).isEqualTo("code.summarize");
                    });
            List<ChatRequest> sent = project.requests();
            assertThat(sent).hasSize(2);
            Message feedback = sent.get(1).messages().getLast();
            assertThat(feedback.text()).contains("summary");
            assertThat(sent.get(1).messages()).extracting(Message::text).contains("{\"points\": [1]}");
        }
    }

    @Test
    void a_response_repaired_on_the_second_answer_is_returned() {
        project.replies("not json at all", "{\"summary\": \"fixed\"}");
        try (Baton baton = project.open()) {
            OperationResult r = baton.operations().run("code.summarize", json("{\"code\": \"x\"}"));

            assertThat(r.result().path("summary").asString()).isEqualTo("fixed");
            assertThat(project.requests()).hasSize(2);
        }
    }

    @Test
    void a_java_handlers_own_check_repairs_once_then_fails_with_its_problem() {
        OperationDefinition d = OperationDefinition.builder("math.double").profile("fast")
                .prompt("Double {{n}}")
                .inputSchema(json("{\"type\":\"object\",\"required\":[\"n\"],\"properties\":{\"n\":{\"type\":\"integer\"}}}"))
                .responseSchema(json("{\"type\":\"object\",\"required\":[\"value\"],\"properties\":{\"value\":{\"type\":\"integer\"}}}"))
                .build();
        OperationHandler doubling = OperationHandler.of(d, (in, out) -> out.path("value").asInt() == 2 * in.path("n").asInt()
                ? List.of() : List.of("field 'value' must be twice n (" + 2 * in.path("n").asInt() + ")"));
        project.replies("{\"value\": 5}", "{\"value\": 6}", "{\"value\": 7}", "{\"value\": 9}");
        try (Baton baton = project.builder().operation(doubling).build()) {
            OperationResult fixed = baton.operations().run("math.double", json("{\"n\": 3}"));
            assertThat(fixed.result().path("value").asInt()).isEqualTo(6);
            assertThat(project.requests().get(1).messages().getLast().text()).contains("must be twice n (6)");

            assertThatThrownBy(() -> baton.operations().run("math.double", json("{\"n\": 4}")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                        assertThat(e.getMessage()).contains("must be twice n (8)");
                    });
            assertThat(project.requests()).hasSize(4);
            assertThat(baton.operations().list()).extracting(OperationEntry::id, OperationEntry::source)
                    .contains(org.assertj.core.groups.Tuple.tuple("math.double", OperationEntry.JAVA));
        }
    }

    @Test
    void an_agentic_operation_runs_its_ensemble_and_its_deliverable_is_the_response() throws Exception {
        project.file(".baton/ensembles/reviewers.yaml", """
                name: reviewers
                deliverable: merge
                agents:
                  - {name: read, model_profile: fast}
                  - {name: merge, model_profile: fast, depends_on: [read]}
                """).file(".baton/operations/review.yaml", """
                feature: review
                operations:
                  code:
                    mode: agentic
                    ensemble: reviewers
                    prompt: "Review {{code}}"
                    input_schema: {type: object, required: [code], properties: {code: {type: string}}}
                    response_schema: {type: object, required: [verdict], properties: {verdict: {enum: [approve, reject]}}}
                """);
        project.replies("looks fine", "{\"verdict\": \"approve\"}");
        try (Baton baton = project.open()) {
            OperationResult r = baton.operations().run("review.code", json("{\"code\": \"x = 1\"}"));

            assertThat(r.result().path("verdict").asString()).isEqualTo("approve");
            assertThat(r.metadata().mode()).isEqualTo(OperationMode.AGENTIC);
            assertThat(r.metadata().ensemble()).isEqualTo("reviewers");
            assertThat(r.metadata().runId()).isNotBlank();
            assertThat(r.metadata().models()).containsExactly("scripted/m");
            assertThat(project.requests()).hasSize(2);
            assertThat(project.requests().getFirst().messages().getLast().text()).startsWith("Review x = 1")
                    .contains("\"verdict\"");
        }
    }

    @Test
    void an_agentic_deliverable_that_violates_the_schema_is_rerun_once_then_fails_with_validation() throws Exception {
        project.file(".baton/ensembles/one.yaml", """
                name: one
                agents:
                  - {name: only, model_profile: fast}
                """).file(".baton/operations/review.yaml", """
                feature: review
                operations:
                  code:
                    mode: agentic
                    ensemble: one
                    prompt: "Review {{input}}"
                    input_schema: {type: object}
                    response_schema: {type: object, required: [verdict]}
                """);
        project.replies("{\"nope\": 1}", "still no verdict");
        try (Baton baton = project.open()) {
            assertThatThrownBy(() -> baton.operations().run("review.code", json("{}")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                        assertThat(e.getMessage()).contains("not valid JSON");
                    });
            assertThat(project.requests()).hasSize(2);
            assertThat(project.requests().get(1).messages().getLast().text()).contains("{\"nope\": 1}").contains("verdict");
        }
    }

    @Test
    void unknown_features_and_operations_fail_with_their_codes_listing_what_exists() {
        try (Baton baton = project.open()) {
            assertThatThrownBy(() -> baton.operations().run("docs.check", json("{}")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FEATURE);
                        assertThat(e.getMessage()).contains("no feature 'docs'").contains("features: code");
                    });
            assertThatThrownBy(() -> baton.operations().find("code.review"))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_OPERATION);
                        assertThat(e.getMessage()).contains("no operation 'review'").contains("code.summarize");
                    });
        }
    }

    @Test
    void a_definition_file_added_later_is_listed_and_runnable_by_the_same_baton() throws Exception {
        try (Baton baton = project.open()) {
            assertThat(baton.operations().list()).extracting(OperationEntry::id).containsExactly("code.summarize");

            project.file(".baton/operations/docs.yml", """
                    feature: docs
                    operations:
                      check:
                        profile: fast
                        prompt: "{{input}}"
                        input_schema: {type: object}
                        response_schema: {type: object}
                    """);

            assertThat(baton.operations().list()).extracting(OperationEntry::id).containsExactly("code.summarize", "docs.check");
            assertThat(baton.operations().find("docs.check").definition().profile()).isEqualTo("fast");
        }
    }

    @Test
    void the_project_tier_shadows_the_user_tier_and_java_handlers_shadow_both() throws Exception {
        String user = CODE_OPERATIONS.replace("Summarise code", "user copy");
        Path userFile = tmp.resolve("home/.config/baton/operations/code.yaml");
        java.nio.file.Files.createDirectories(userFile.getParent());
        java.nio.file.Files.writeString(userFile, user);
        OperationDefinition java = OperationDefinition.builder("code.summarize").description("java").build();
        try (Baton baton = project.builder().operation(OperationHandler.of(java)).build()) {
            List<OperationEntry> entries = baton.operations().list();

            assertThat(entries).extracting(OperationEntry::source, OperationEntry::shadowed).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("java", false), org.assertj.core.groups.Tuple.tuple("project", true),
                    org.assertj.core.groups.Tuple.tuple("user", true));
            assertThat(baton.operations().find("code.summarize").definition().description()).isEqualTo("java");
        }
    }

    @Test
    void validate_reports_a_java_handlers_bad_schema_and_placeholder_and_file_operations_unknown_profiles() throws Exception {
        OperationDefinition broken = OperationDefinition.builder("java.broken").prompt("Do {{thing}}")
                .responseSchema(json("{\"type\": 12}")).build();
        project.file(".baton/operations/more.yaml", """
                feature: more
                operations:
                  lost:
                    profile: nowhere
                    prompt: "{{input}}"
                    input_schema: {type: object}
                    response_schema: {type: object}
                """);
        try (Baton baton = project.builder().operation(OperationHandler.of(broken)).build()) {
            List<String> problems = baton.operations().validate().stream().map(OperationProblem::toString).toList();

            assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("<java handler java.broken>: operation 'java.broken': response_schema: not a valid JSON Schema"));
            assertThat(problems).anySatisfy(p -> assertThat(p).contains("operation 'java.broken': prompt: placeholder {{thing}}"));
            assertThat(problems).anySatisfy(p -> assertThat(p).endsWith("more.yaml:3: operation 'more.lost': profile: no profile 'nowhere' (see: baton profiles list)"));
            assertThat(problems).noneMatch(p -> p.contains("code.summarize"));
        }
    }

    @Test
    void two_java_handlers_with_one_id_are_refused_when_baton_is_built() {
        OperationHandler a = OperationHandler.of(OperationDefinition.builder("x.y").build());
        OperationHandler b = OperationHandler.of(OperationDefinition.builder("x.y").build());

        assertThatThrownBy(() -> project.builder().operation(a).operation(b).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.y");
    }
}
