package dev.baton.provider.ollama;

import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.EmbeddingModelContractTest;
import dev.baton.provider.ProviderSettings;
import dev.baton.testing.LoopbackServer.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

class OllamaEmbeddingModelTest extends EmbeddingModelContractTest {

    @Override
    protected EmbeddingModel create(ProviderSettings settings, ModelInfo info) {
        return new OllamaEmbeddingModel(settings, MODEL, info, JSON);
    }

    @Override
    protected String kind() {
        return "ollama";
    }

    @Override
    protected Reply answer(List<float[]> vectors, long tokens) {
        ObjectNode root = JSON.createObjectNode().put("model", MODEL);
        var embeddings = root.putArray("embeddings");
        for (float[] v : vectors) embeddings.add(array(v));
        root.put("total_duration", 1234).put("prompt_eval_count", tokens);
        return Reply.json(200, JSON.writeValueAsString(root));
    }

    @Override
    protected Reply error(int status, String message) {
        return Reply.json(status, JSON.writeValueAsString(JSON.createObjectNode().put("error", message)));
    }

    @Override
    protected List<String> sentInputs(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("input").forEach(n -> out.add(n.asString()));
        return out;
    }

    @Override
    protected String expectedPath(int inputs) {
        return "/api/embed";
    }

    @Override
    protected String authHeader() {
        return "Authorization";
    }

    @Override
    protected String authValue(String key) {
        return "Bearer " + key;
    }

    @Override
    protected boolean reportsTokens() {
        return true;
    }
}
