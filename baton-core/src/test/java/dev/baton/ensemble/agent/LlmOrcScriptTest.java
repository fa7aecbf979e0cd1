package dev.baton.ensemble.agent;

import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.run.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Scripts of an llm-orc project resolve as llm-orc resolves them and get llm-orc's stdin envelope. */
class LlmOrcScriptTest {

    @TempDir
    Path project;

    private final FakeModels models = new FakeModels();

    private Path script(String relative, String body) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, body);
    }

    @Test
    void a_scripts_path_resolves_against_the_llm_orc_folder_with_llm_orcs_envelope() throws IOException {
        Path file = script(".llm-orc/scripts/routing/route_round.py", "print('{}')\n");

        ScriptResolver.ResolvedScript resolved = new ScriptResolver(project, null).resolve("scripts/routing/route_round.py");

        assertThat(resolved.file()).isEqualTo(file);
        assertThat(resolved.envelope()).isEqualTo(ScriptResolver.Envelope.LLM_ORC);
        assertThat(new ScriptResolver(project, null).resolve("routing/route-round.py").file())
                .as("llm-orc also tries '-' as '_'").isEqualTo(file);
    }

    @Test
    void baton_scripts_keep_batons_envelope_and_win_over_llm_orc_ones_of_the_same_name() throws IOException {
        Path baton = script(".baton/scripts/x.py", "print('{}')\n");
        script(".llm-orc/scripts/x.py", "print('{}')\n");

        ScriptResolver.ResolvedScript resolved = new ScriptResolver(project, null).resolve("x.py");

        assertThat(resolved.file()).isEqualTo(baton);
        assertThat(resolved.envelope()).isEqualTo(ScriptResolver.Envelope.BATON);
    }

    @Test
    void a_script_of_the_root_of_an_llm_orc_only_project_gets_llm_orcs_envelope() throws IOException {
        Files.createDirectories(project.resolve(".llm-orc"));
        script("tools/t.py", "print('{}')\n");

        assertThat(new ScriptResolver(project, null).resolve("tools/t.py").envelope())
                .isEqualTo(ScriptResolver.Envelope.LLM_ORC);
    }

    @Test
    void an_llm_orc_script_reads_agent_name_input_data_string_responses_and_parameters_from_the_environment()
            throws Exception {
        script(".llm-orc/scripts/check/envelope.py", """
                import json, os, sys
                data = json.load(sys.stdin)
                dep = data["dependencies"]["source"]
                print(json.dumps({
                    "keys": sorted(data.keys()),
                    "agent_name": data["agent_name"],
                    "input_data": data["input_data"],
                    "context": data["context"],
                    "response_is_text": isinstance(dep["response"], str),
                    "upstream": json.loads(dep["response"]),
                    "status": dep["status"],
                    "failed_dependency_listed": "broken" in data["dependencies"],
                    "params": json.loads(os.environ["AGENT_PARAMETERS"]),
                    "input_text": os.environ["INPUT_TEXT"],
                    "input_data_env": json.loads(os.environ["INPUT_DATA"])["agent_name"],
                }))
                """);
        models.reply("source", "{\"items\": [1, 2]}");
        models.fail("broken", dev.baton.error.ErrorCode.PROVIDER_ERROR);
        var spec = Specs.yaml("""
                name: s
                agents:
                  - {name: source, model_profile: fast}
                  - {name: broken, model_profile: fast}
                  - name: tool
                    script: scripts/check/envelope.py
                    parameters: {limit: 3}
                    depends_on: [source, broken]
                    on_dependency_failure: run
                """);
        RunResult r = new EnsembleEngine(EngineOptions.builder(models).projectDir(project).build()).run(spec, "the input");

        AgentResult tool = r.agent("tool").orElseThrow();
        assertThat(tool.status()).as(String.valueOf(tool.error())).isEqualTo(AgentStatus.COMPLETED);
        var out = tool.outputJson();
        assertThat(out.get("keys").toString()).isEqualTo("[\"agent_name\",\"context\",\"dependencies\",\"input_data\"]");
        assertThat(out.get("agent_name").asString()).isEqualTo("tool");
        assertThat(out.get("input_data").asString()).isEqualTo("the input");
        assertThat(out.get("context").isEmpty()).isTrue();
        assertThat(out.get("response_is_text").asBoolean()).isTrue();
        assertThat(out.get("upstream").get("items")).hasSize(2);
        assertThat(out.get("status").asString()).isEqualTo("success");
        assertThat(out.get("failed_dependency_listed").asBoolean()).isFalse();
        assertThat(out.get("params").get("limit").asInt()).isEqualTo(3);
        assertThat(out.get("input_text").asString()).isEqualTo("the input");
        assertThat(out.get("input_data_env").asString()).isEqualTo("tool");
    }

    @Test
    void a_fan_out_instance_of_an_llm_orc_script_gets_its_element_and_index() throws Exception {
        script(".llm-orc/scripts/each.py", """
                import json, sys
                data = json.load(sys.stdin)
                print(json.dumps({"keys": sorted(data.keys()), "item": data["input"], "index": data["chunk_index"]}))
                """);
        models.reply("split", "[\"alpha\", \"beta\"]");
        var spec = Specs.yaml("""
                name: fan
                agents:
                  - {name: split, model_profile: fast}
                  - {name: each, script: scripts/each.py, depends_on: [split], fan_out: true}
                """);
        RunResult r = new EnsembleEngine(EngineOptions.builder(models).projectDir(project).build()).run(spec, "x");

        AgentResult each = r.agent("each").orElseThrow();
        assertThat(each.status()).as(String.valueOf(each.error())).isEqualTo(AgentStatus.COMPLETED);
        var second = each.outputJson().get(1).get("output");
        var parsed = second.isString() ? tools.jackson.databind.json.JsonMapper.builder().build().readTree(second.asString()) : second;
        assertThat(parsed.get("keys").toString()).isEqualTo("[\"agent_name\",\"chunk_index\",\"context\",\"input\"]");
        assertThat(parsed.get("item").asString()).isEqualTo("beta");
        assertThat(parsed.get("index").asInt()).isEqualTo(1);
    }
}
