package dev.baton.provider.openai;

import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.EmbeddingModelContractTest;
import dev.baton.provider.ProviderSettings;
import dev.baton.testing.LoopbackServer.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

class OpenAiEmbeddingModelTest extends EmbeddingModelContractTest {

    @Override
    protected EmbeddingModel create(ProviderSettings settings, ModelInfo info) {
        return new OpenAiEmbeddingModel(settings, MODEL, info, JSON);
    }

    @Override
    protected String kind() {
        return "openai";
    }

    /** Items listed in reverse: the adapter must order them by index. */
    @Override
    protected Reply answer(List<float[]> vectors, long tokens) {
        ObjectNode root = JSON.createObjectNode().put("object", "list").put("model", MODEL);
        var data = root.putArray("data");
        for (int i = vectors.size() - 1; i >= 0; i--) {
            data.addObject().put("object", "embedding").put("index", i).set("embedding", array(vectors.get(i)));
        }
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return Reply.json(200, JSON.writeValueAsString(root));
    }

    @Override
    protected Reply error(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", "error").putNull("param");
        return Reply.json(status, JSON.writeValueAsString(root));
    }

    @Override
    protected List<String> sentInputs(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("input").forEach(n -> out.add(n.asString()));
        return out;
    }

    @Override
    protected String expectedPath(int inputs) {
        return "/embeddings";
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
