package dev.baton.provider.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class NdjsonReaderTest {

    private static NdjsonReader reader(String body) {
        return new NdjsonReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                ErrorContext.ofModel("ollama", "m"), JsonMapper.builder().build());
    }

    @Test
    void reads_objects_line_by_line_skipping_blank_lines_and_carriage_returns() {
        NdjsonReader r = reader("{\"a\":\"é1\"}\r\n\n{\"a\":2}\n");

        JsonNode first = r.next();
        JsonNode second = r.next();

        assertThat(first.path("a").asString()).isEqualTo("é1");
        assertThat(second.path("a").asInt()).isEqualTo(2);
        assertThat(r.next()).isNull();
    }

    @Test
    void a_last_line_without_its_newline_is_an_interrupted_stream() {
        NdjsonReader r = reader("{\"a\":1}\n{\"a\":2}");
        r.next();

        BatonException e = catchThrowableOfType(BatonException.class, r::next);

        assertThat(e.reason()).isEqualTo(ErrorReason.STREAM_INTERRUPTED);
        assertThat(e.retriable()).isTrue();
    }

    @Test
    void a_line_that_is_not_a_json_object_is_malformed() {
        BatonException e = catchThrowableOfType(BatonException.class, () -> reader("[1,2]\n").next());
        BatonException broken = catchThrowableOfType(BatonException.class, () -> reader("{\"a\":\n").next());

        assertThat(e.reason()).isEqualTo(ErrorReason.MALFORMED_RESPONSE);
        assertThat(broken.reason()).isEqualTo(ErrorReason.MALFORMED_RESPONSE);
    }
}
