package dev.baton.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Outside data a test needs: found where it lies, or the test is skipped saying what is missing. */
class PeersTest {

    @Test
    void a_missing_spec_skips_the_test_naming_the_file_and_where_it_was_looked_for() {
        TestAbortedException skipped = catchThrowableOfType(TestAbortedException.class,
                () -> Peers.spec("no-such-spec.yaml"));

        assertThat(skipped).isNotNull();
        assertThat(skipped.getMessage()).contains("no-such-spec.yaml")
                .contains(Peers.repoRoot().resolveSibling("shared").resolve("specs").toString())
                .contains("BATON_SPECS_DIR");
    }
}
