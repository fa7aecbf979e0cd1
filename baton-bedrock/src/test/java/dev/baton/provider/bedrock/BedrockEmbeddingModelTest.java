package dev.baton.provider.bedrock;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.EmbeddingPurpose;
import dev.baton.llm.EmbeddingRequest;
import dev.baton.llm.EmbeddingResponse;
import dev.baton.secret.Secret;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bedrock embeddings over InvokeModel against a loopback endpoint, in the Titan and Cohere body formats. */
class BedrockEmbeddingModelTest {

    private final LoopbackServer server = new LoopbackServer();
    private final List<BedrockEmbeddingModel> models = new ArrayList<>();

    @AfterEach
    void stop() {
        models.forEach(BedrockEmbeddingModel::close);
        server.close();
    }

    private BedrockEmbeddingModel model(String id) {
        BedrockEmbeddingModel m = new BedrockEmbeddingModel(BedrockChatModelContractTest.settings(server.baseUri(),
                Secret.of(BedrockLoopbackTest.SECRET_KEY), Duration.ofSeconds(5)), id,
                BedrockChatModelContractTest.info(id), BedrockDialect.JSON);
        models.add(m);
        return m;
    }

    private static Reply titan(float... v) {
        var root = BedrockDialect.JSON.createObjectNode().put("inputTextTokenCount", 4);
        var a = root.putArray("embedding");
        for (float x : v) a.add(x);
        return Reply.json(200, BedrockDialect.JSON.writeValueAsString(root));
    }

    @Test
    void titan_embeds_one_text_per_signed_invoke_model_call_and_sums_the_token_counts() {
        server.enqueue(titan(1f, 0f)).enqueue(titan(0f, 1f));

        EmbeddingResponse r = model("amazon.titan-embed-text-v2:0")
                .embed(EmbeddingRequest.of(List.of("first", "second"), EmbeddingPurpose.DOCUMENT));

        assertThat(r.vectors()).hasSize(2);
        assertThat(r.vectors().get(1)).containsExactly(0f, 1f);
        assertThat(r.usage().inputTokens()).isEqualTo(8);
        assertThat(r.usage().estimated()).isFalse();
        assertThat(server.requests()).hasSize(2);
        var sent = server.requests().get(1);
        assertThat(sent.path()).startsWith("/model/amazon.titan-embed-text-v2").endsWith("/invoke");
        assertThat(sent.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
        JsonNode body = BedrockDialect.JSON.readTree(sent.body());
        assertThat(body.path("inputText").asString()).isEqualTo("second");
        assertThat(sent.body()).doesNotContain(BedrockLoopbackTest.SECRET_KEY);
    }

    @Test
    void cohere_embeds_a_batch_in_one_call_with_the_input_type_of_the_purpose() {
        var root = BedrockDialect.JSON.createObjectNode().put("id", "e1").put("response_type", "embeddings_floats");
        var list = root.putArray("embeddings");
        list.addArray().add(0.5f).add(0.5f);
        list.addArray().add(-0.5f).add(0.5f);
        server.enqueue(Reply.json(200, BedrockDialect.JSON.writeValueAsString(root)));

        EmbeddingResponse r = model("cohere.embed-english-v3")
                .embed(EmbeddingRequest.of(List.of("a query", "another"), EmbeddingPurpose.QUERY));

        assertThat(r.vectors()).hasSize(2);
        assertThat(r.usage().estimated()).isTrue();
        JsonNode body = BedrockDialect.JSON.readTree(server.lastRequest().body());
        assertThat(body.path("input_type").asString()).isEqualTo("search_query");
        assertThat(body.path("texts").size()).isEqualTo(2);
    }

    @Test
    void a_throttling_answer_maps_to_rate_limited() {
        server.enqueue(BedrockDialect.error(429, "ThrottlingException", "slow down", true));
        assertThatThrownBy(() -> model("amazon.titan-embed-text-v2:0")
                .embed(EmbeddingRequest.of(List.of("x"), EmbeddingPurpose.QUERY)))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }
}
