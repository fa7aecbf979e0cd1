package dev.baton.coordinator.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShareLedgerTest {

    @Test
    void jobs_started_together_get_their_normalised_shares() {
        ShareLedger ledger = new ShareLedger(1.0, new double[]{2, 1, 1});

        assertThat(ledger.allocate(0)).isCloseTo(0.5, within(1e-9));
        assertThat(ledger.allocate(1)).isCloseTo(0.25, within(1e-9));
        assertThat(ledger.allocate(2)).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void what_a_finished_job_left_unspent_flows_to_the_jobs_still_queued() {
        ShareLedger ledger = new ShareLedger(0.90, new double[]{1, 1, 1});

        double first = ledger.allocate(0);
        ledger.settle(first, 0.0); // spent nothing of its 0.30
        double second = ledger.allocate(1);

        assertThat(first).isCloseTo(0.30, within(1e-9));
        assertThat(second).as("half of the whole 0.90 left, shared by two").isCloseTo(0.45, within(1e-9));
        ledger.settle(second, 0.45);
        assertThat(ledger.allocate(2)).isCloseTo(0.45, within(1e-9));
    }

    @Test
    void allocations_never_add_up_to_more_than_the_total_and_all_zero_weights_are_equal_shares() {
        ShareLedger ledger = new ShareLedger(1.0, new double[]{0, 0, 0, 0});
        double sum = 0;
        for (int i = 0; i < 4; i++) sum += ledger.allocate(i);

        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(ledger.share(3)).isCloseTo(0.25, within(1e-9));
    }
}
