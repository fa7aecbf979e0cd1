package dev.baton.provider.gemini;

import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.EmbeddingModelContractTest;
import dev.baton.provider.ProviderSettings;
import dev.baton.testing.LoopbackServer.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

class GeminiEmbeddingModelTest extends EmbeddingModelContractTest {

    @Override
    protected EmbeddingModel create(ProviderSettings settings, ModelInfo info) {
        return new GeminiEmbeddingModel(settings, MODEL, info, JSON);
    }

    @Override
    protected String kind() {
        return "gemini";
    }

    /** {@code embedContent} answers one {@code embedding}, {@code batchEmbedContents} a list. */
    @Override
    protected Reply answer(List<float[]> vectors, long tokens) {
        ObjectNode root = JSON.createObjectNode();
        if (vectors.size() == 1 && tokens == 3) {
            root.putObject("embedding").set("values", array(vectors.getFirst()));
        } else {
            var list = root.putArray("embeddings");
            for (float[] v : vectors) list.addObject().set("values", array(v));
        }
        return Reply.json(200, JSON.writeValueAsString(root));
    }

    @Override
    protected Reply error(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("code", status).put("message", message).put("status", GeminiDialect.googleStatus(status));
        return Reply.json(status, JSON.writeValueAsString(root));
    }

    @Override
    protected List<String> sentInputs(JsonNode body) {
        List<String> out = new ArrayList<>();
        if (body.has("requests")) {
            body.path("requests").forEach(r -> {
                out.add(r.path("content").path("parts").path(0).path("text").asString());
                if (!r.path("model").asString().equals("models/" + MODEL)) throw new AssertionError("no model in " + r);
            });
        } else {
            out.add(body.path("content").path("parts").path(0).path("text").asString());
        }
        return out;
    }

    @Override
    protected String expectedPath(int inputs) {
        return "/v1beta/models/" + MODEL + (inputs == 1 ? ":embedContent" : ":batchEmbedContents");
    }

    @Override
    protected String authHeader() {
        return "x-goog-api-key";
    }

    @Override
    protected String authValue(String key) {
        return key;
    }

    @Override
    protected boolean reportsTokens() {
        return false;
    }
}
