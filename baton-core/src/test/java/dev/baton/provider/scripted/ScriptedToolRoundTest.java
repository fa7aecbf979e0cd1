package dev.baton.provider.scripted;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.tool.DirectToolInvoker;
import dev.baton.tool.FunctionTool;
import dev.baton.tool.TestSandbox;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolLoop;
import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scripts that call tools and answer the follow-up round from the tools' results. */
class ScriptedToolRoundTest {

    private static final String SCRIPT = """
            rules:
              # the round after tool calls: answer from what the tools returned
              - match: "(?m)^search_text: error: "
                match_on: tool_results
                reply:
                  text: "The search failed: {{tool_result:search_text}}"
              - match: "."
                match_on: tool_results
                reply:
                  text: "README starts with '{{tool_result:read_file}}'; matches: {{tool_result:search_text}}"
              # the first round: call two tools at once
              - match: "(?i)what is this project"
                reply:
                  tool_calls:
                    - name: read_file
                      arguments: {path: README.md, end_line: 1}
                    - name: search_text
                      arguments: {pattern: "ToolLoop"}
            fallback:
              text: "no idea"
            """;

    private static ScriptedChatModel model() {
        return ScriptedChatModel.fromScript(new ScriptedScriptLoader().parse(SCRIPT, "tools.yaml"), "offline");
    }

    private static List<Tool> tools(ToolResult searchResult) {
        return List.of(FunctionTool.read("read_file", args -> ToolResult.ok("# Baton")),
                FunctionTool.read("search_text", args -> searchResult));
    }

    @Test
    void given_a_script_with_tool_calls_and_a_tool_results_rule_when_looped_then_it_answers_from_the_results() {
        List<Tool> tools = tools(ToolResult.ok("docs/tools.md:3"));
        ScriptedChatModel model = model();

        ToolLoop.Result result = new ToolLoop(model, new DirectToolInvoker(tools), tools)
                .run(ChatRequest.of("What is this project?"), TestSandbox.context());

        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.calls()).extracting(c -> c.tool()).containsExactly("read_file", "search_text");
        assertThat(result.response().text()).isEqualTo("README starts with '# Baton'; matches: docs/tools.md:3");
        assertThat(model.requests().getFirst().messages()).hasSize(1);
    }

    @Test
    void given_an_error_result_when_looped_then_a_rule_can_match_it_and_quote_it() {
        List<Tool> tools = tools(ToolResult.error("regex does not compile"));

        ToolLoop.Result result = new ToolLoop(model(), new DirectToolInvoker(tools), tools)
                .run(ChatRequest.of("What is this project?"), TestSandbox.context());

        assertThat(result.response().text()).isEqualTo("The search failed: regex does not compile");
    }

    @Test
    void given_a_conversation_not_ending_in_tool_results_then_tool_results_rules_do_not_match() {
        ScriptedChatModel model = model();
        ToolCall call = new ToolCall("c1", "read_file", "{}");
        ChatRequest answered = ChatRequest.builder().user("hello")
                .message(Message.assistant("", List.of(call)))
                .message(Message.toolResult("c1", "read_file", "# Baton", false))
                .message(Message.assistant("done"))
                .user("thanks").build();

        assertThat(model.chat(answered).text()).isEqualTo("no idea");
    }

    @Test
    void given_a_result_without_a_tool_name_then_the_template_finds_it_through_its_call_id_and_missing_ones_are_empty() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .rule(new ScriptedRule("^read_file: ", MatchOn.TOOL_RESULTS,
                        ScriptedReply.text("[{{tool_result}}|{{tool_result:read_file}}|{{tool_result:nope}}|{{other}}]")))
                .build(), "offline");
        ChatRequest request = ChatRequest.builder().user("go")
                .message(Message.assistant("", List.of(new ToolCall("c9", "read_file", "{}"))))
                .message(new Message(dev.baton.llm.Role.TOOL, "line one", List.of(), "c9", null, false))
                .build();

        assertThat(model.chat(request).text()).isEqualTo("[line one|line one||{{other}}]");
    }
}
