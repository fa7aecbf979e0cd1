package dev.baton.server.gateway;

import dev.baton.error.BatonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agentic model over plain HTTP: its configuration errors and a serving ensemble that is not there. */
class AgenticServingRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void server_agentic_without_an_ensemble_stops_the_gateway_naming_the_key() {
        assertThatThrownBy(() -> GatewayFixture.start(dir, "server:\n  agentic: {model: agentic}\n", Map.of()))
                .isInstanceOf(BatonException.class)
                .hasMessageContaining("server.agentic needs 'ensemble'");
    }

    @Test
    void a_turn_to_a_serving_ensemble_that_does_not_exist_is_404_naming_it() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(dir, GatewayConfigs.scripted("", "")
                + "server:\n  agentic: {model: orchestra, ensemble: no-such-serving}\n", Map.of())) {
            var res = gateway.post("/v1/chat/completions", GatewayFixture.KEY,
                    "{\"model\": \"orchestra\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
            JsonNode error = JSON.readTree(res.body()).get("error");
            assertThat(res.statusCode()).isEqualTo(404);
            assertThat(error.get("message").asString())
                    .isEqualTo("model 'orchestra' runs serving ensemble 'no-such-serving', which does not exist");

            var plain = gateway.post("/v1/chat/completions", GatewayFixture.KEY,
                    "{\"model\": \"fast\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
            assertThat(plain.statusCode()).as("other models are served as before").isEqualTo(200);
        }
    }

    @Test
    void a_key_limited_to_other_profiles_may_not_use_the_agentic_model() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(dir, GatewayConfigs.scripted("", "")
                + "server:\n  agentic: {ensemble: summary}\n", GatewayConfigs.ensembles())) {
            var res = gateway.post("/v1/chat/completions", GatewayFixture.LIMITED_KEY,
                    "{\"model\": \"agentic\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
            assertThat(res.statusCode()).isEqualTo(403);
            var ok = gateway.post("/v1/chat/completions", GatewayFixture.KEY,
                    "{\"model\": \"agentic\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(JSON.readTree(ok.body()).at("/choices/0/message/content").asString()).isEqualTo("Ensemble deliverable.");
        }
    }
}
