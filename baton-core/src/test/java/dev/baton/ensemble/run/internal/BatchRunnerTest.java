package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.spec.EnsembleSpec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.run.RunResult;

class BatchRunnerTest {

    @Test
    void results_and_json_lines_come_back_in_input_order() {
        FakeModels models = new FakeModels();
        // later inputs finish first: the first input is the slowest
        models.replyWith("echo", Duration.ZERO, req -> {
            String in = req.lastUserText();
            try {
                Thread.sleep(in.equals("in-0") ? 300 : 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "out:" + in;
        });
        EnsembleEngine engine = new EnsembleEngine(EngineOptions.builder(models).userScriptsDir(null).build());
        EnsembleSpec spec = Specs.yaml("name: b\nagents:\n  - {name: echo, model_profile: fast}\n");
        List<String> lines = new CopyOnWriteArrayList<>();
        List<String> inputs = List.of("in-0", "in-1", "in-2", "in-3", "in-4");

        long t0 = System.nanoTime();
        List<RunResult> results = new BatchRunner(engine).run(spec, inputs, 4, lines::add);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(results).extracting(RunResult::input).containsExactlyElementsOf(inputs);
        assertThat(results).extracting(RunResult::deliverableOutput)
                .containsExactly("out:in-0", "out:in-1", "out:in-2", "out:in-3", "out:in-4");
        JsonMapper mapper = JsonMapper.builder().build();
        List<JsonNode> parsed = lines.stream().map(mapper::readTree).toList();
        assertThat(parsed).extracting(j -> j.get("index").asInt()).containsExactly(0, 1, 2, 3, 4);
        assertThat(parsed.get(3).get("output").asString()).isEqualTo("out:in-3");
        assertThat(parsed.get(3).get("status").asString()).isEqualTo("completed");
        assertThat(parsed.get(3).get("errors")).isEmpty();
        assertThat(ms).as("inputs ran in parallel").isLessThan(1_500);
    }
}
