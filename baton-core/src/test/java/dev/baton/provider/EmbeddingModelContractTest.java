package dev.baton.provider;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.EmbeddingPurpose;
import dev.baton.llm.EmbeddingRequest;
import dev.baton.llm.EmbeddingResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.secret.Secret;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Recorded;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every embedding adapter meets, run against a loopback server speaking the
 * provider's wire format: inputs and model sent as the provider expects, the credential in its
 * header, vectors back in input order with usage, error statuses mapped onto the taxonomy, and
 * malformed or short answers refused. One subclass per adapter supplies the wire format.
 */
public abstract class EmbeddingModelContractTest {

    protected static final ObjectMapper JSON = JsonMapper.builder().build();
    protected static final String KEY = "sk-embed-test-123";
    protected static final String MODEL = "embed-small";

    protected final LoopbackServer server = new LoopbackServer();

    /** The adapter under test, pointed at {@code base} with {@code key}. */
    protected abstract EmbeddingModel create(ProviderSettings settings, ModelInfo info);

    /** The provider kind, as in {@code kind:}. */
    protected abstract String kind();

    /** A successful answer carrying these vectors (and {@code tokens} when the wire reports usage). */
    protected abstract Reply answer(List<float[]> vectors, long tokens);

    /** The provider's error body for a status. */
    protected abstract Reply error(int status, String message);

    /** The texts a request body carried, in order. */
    protected abstract List<String> sentInputs(JsonNode body);

    /** The path the adapter posted to for this many inputs. */
    protected abstract String expectedPath(int inputs);

    protected abstract String authHeader();

    protected abstract String authValue(String key);

    /** Whether the wire reports token usage (else the adapter estimates it and says so). */
    protected abstract boolean reportsTokens();

    @AfterEach
    void stop() {
        server.close();
    }

    private EmbeddingModel model() {
        URI base = server.baseUri();
        return create(new ProviderSettings(kind(), kind(), base, Secret.of(KEY), null, null, null, java.util.Map.of()),
                new ModelInfo(kind(), MODEL, 8192, 0, Set.of(), Prices.of(0.02, 0, 0)));
    }

    @Test
    void embeds_several_texts_and_returns_one_vector_each_in_input_order() {
        server.enqueue(answer(List.of(new float[]{1f, 0f, 0.5f}, new float[]{0f, 1f, -0.5f}), 7));

        EmbeddingResponse r = model().embed(EmbeddingRequest.of(List.of("alpha text", "beta text"), EmbeddingPurpose.DOCUMENT));

        assertThat(r.vectors()).hasSize(2);
        assertThat(r.vectors().get(0)).containsExactly(1f, 0f, 0.5f);
        assertThat(r.vectors().get(1)).containsExactly(0f, 1f, -0.5f);
        assertThat(r.dimension()).isEqualTo(3);
        assertThat(r.provider()).isEqualTo(kind());
        Recorded sent = server.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(expectedPath(2));
        assertThat(sent.header(authHeader())).isEqualTo(authValue(KEY));
        assertThat(sentInputs(JSON.readTree(sent.body()))).containsExactly("alpha text", "beta text");
        assertThat(sent.body()).contains(MODEL).doesNotContain(KEY);
        if (reportsTokens()) {
            assertThat(r.usage().inputTokens()).isEqualTo(7);
            assertThat(r.usage().estimated()).isFalse();
        } else {
            assertThat(r.usage().inputTokens()).isPositive();
            assertThat(r.usage().estimated()).isTrue();
        }
    }

    @Test
    void embeds_a_single_query() {
        server.enqueue(answer(List.of(new float[]{0.25f, 0.75f}), 3));

        EmbeddingResponse r = model().embed(EmbeddingRequest.of(List.of("where is the retry"), EmbeddingPurpose.QUERY));

        assertThat(r.vectors()).singleElement().satisfies(v -> assertThat(v).containsExactly(0.25f, 0.75f));
        assertThat(server.lastRequest().path()).isEqualTo(expectedPath(1));
        assertThat(sentInputs(JSON.readTree(server.lastRequest().body()))).containsExactly("where is the retry");
    }

    @Test
    void maps_429_to_rate_limited_and_401_to_authentication() {
        server.enqueue(error(429, "slow down"));
        assertThatThrownBy(() -> model().embed(EmbeddingRequest.of(List.of("x"), EmbeddingPurpose.QUERY)))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        server.enqueue(error(401, "bad key"));
        assertThatThrownBy(() -> model().embed(EmbeddingRequest.of(List.of("x"), EmbeddingPurpose.QUERY)))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
    }

    @Test
    void refuses_a_body_that_is_not_json() {
        server.enqueue(Reply.json(200, "{not json"));
        assertThatThrownBy(() -> model().embed(EmbeddingRequest.of(List.of("x"), EmbeddingPurpose.QUERY)))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR));
    }

    @Test
    void refuses_an_answer_with_fewer_vectors_than_inputs() {
        server.enqueue(answer(List.of(new float[]{1f, 2f}), 2));
        assertThatThrownBy(() -> model().embed(EmbeddingRequest.of(List.of("a", "b"), EmbeddingPurpose.DOCUMENT)))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                    assertThat(e.getMessage()).contains("embedding response");
                });
    }

    /** A vector as a JSON array node. */
    protected static tools.jackson.databind.node.ArrayNode array(float[] v) {
        var a = JSON.createArrayNode();
        for (float x : v) a.add(x);
        return a;
    }
}
