package dev.baton.ensemble.service.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;

import static org.assertj.core.api.Assertions.assertThat;

class ArtifactRecorderTest {

    @Test
    void a_failure_reason_names_the_cause_even_when_it_has_no_message() {
        var e = new UncheckedIOException("cannot write artifacts of run r1", new ClosedByInterruptException());

        assertThat(ArtifactRecorder.reason(e)).isEqualTo("cannot write artifacts of run r1: ClosedByInterruptException");
    }

    @Test
    void a_failure_reason_does_not_repeat_a_message_its_wrapper_already_holds() {
        var cause = new IOException("disk full");
        var e = new UncheckedIOException(cause); // message is the cause's toString()

        assertThat(ArtifactRecorder.reason(e)).isEqualTo("java.io.IOException: disk full");
    }
}
