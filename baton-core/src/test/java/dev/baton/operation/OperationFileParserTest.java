package dev.baton.operation;

import dev.baton.operation.internal.OperationFileParser;
import dev.baton.pipeline.internal.JsonOutputValidator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Definition files: every problem at once, each with file, line, operation and field; good operations kept. */
class OperationFileParserTest {

    private final OperationFileParser parser = new OperationFileParser(new JsonOutputValidator());
    private final Path file = Path.of(".baton/operations/code.yaml");

    private OperationFileParser.Parsed parse(String yaml) {
        return parser.parse(yaml, file, OperationEntry.PROJECT);
    }

    @Test
    void a_valid_file_gives_one_entry_per_operation_with_its_line() {
        OperationFileParser.Parsed p = parse(OperationsTest.CODE_OPERATIONS);

        assertThat(p.problems()).isEmpty();
        assertThat(p.entries()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("code.summarize");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.definition().mode()).isEqualTo(OperationMode.MONOLITHIC);
        });
    }

    @Test
    void bad_fields_are_reported_with_line_operation_and_field_and_the_good_operation_is_kept() {
        OperationFileParser.Parsed p = parse("""
                feature: code
                operations:
                  good:
                    prompt: "{{input}}"
                    input_schema: {type: object}
                    response_schema: {type: object}
                  bad:
                    mode: sideways
                    promt: typo
                    prompt: "Summarise {{cod}}"
                    input_schema: {type: object, properties: {code: {type: string}}}
                    response_schema: {type: 12}
                  agent:
                    mode: agentic
                    prompt: x
                    input_schema: {type: object}
                    response_schema: {type: object}
                """);

        assertThat(p.entries()).extracting(OperationEntry::id).containsExactly("code.good");
        List<String> lines = p.problems().stream().map(OperationProblem::toString).toList();
        assertThat(lines).contains(
                file + ":8: operation 'code.bad': mode: 'mode' must be monolithic or agentic, not 'sideways'",
                file + ":14: operation 'code.agent': ensemble: agentic mode needs 'ensemble': the ensemble that produces the response");
        assertThat(p.problems()).anySatisfy(q -> {
            assertThat(q.line()).isEqualTo(9);
            assertThat(q.field()).isEqualTo("promt");
            assertThat(q.message()).contains("did you mean 'prompt'");
        });
        assertThat(p.problems()).anySatisfy(q -> {
            assertThat(q.line()).isEqualTo(10);
            assertThat(q.field()).isEqualTo("prompt");
            assertThat(q.message()).contains("{{cod}}").contains("did you mean {{code}}");
        });
        assertThat(p.problems()).anySatisfy(q -> {
            assertThat(q.line()).isEqualTo(12);
            assertThat(q.field()).isEqualTo("response_schema");
            assertThat(q.message()).startsWith("not a valid JSON Schema");
        });
    }

    @Test
    void a_yaml_syntax_error_names_the_line_and_a_missing_feature_is_reported() {
        OperationFileParser.Parsed broken = parse("feature: code\noperations:\n  x: [unclosed\n");
        OperationFileParser.Parsed noFeature = parse("operations: {}\n");

        assertThat(broken.entries()).isEmpty();
        assertThat(broken.problems()).singleElement().satisfies(q -> {
            assertThat(q.message()).startsWith("YAML syntax error");
            assertThat(q.line()).isGreaterThanOrEqualTo(3);
        });
        assertThat(noFeature.problems()).singleElement().satisfies(q -> assertThat(q.field()).isEqualTo("feature"));
    }
}
