package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentPresentationsTest {
    @Test
    void shouldCountEachCampaignsPresentationsWithinTheWindowOnly() {
        RecentPresentations recent = new RecentPresentations();
        recent.record("summer", 1_000);
        recent.record("summer", 1_500);
        recent.record("winter", 1_500);

        assertThat(recent.count("summer", 1_600)).isEqualTo(2);
        assertThat(recent.count("winter", 1_600)).isEqualTo(1);
        assertThat(recent.count("autumn", 1_600)).isZero();
        assertThat(recent.count("summer", 1_000 + RecentPresentations.WINDOW_MILLIS + 1)).isEqualTo(1);
        recent.expire(1_500 + RecentPresentations.WINDOW_MILLIS + 1);
        assertThat(recent.count("summer", 1_600)).as("forgotten once out of the window").isZero();
    }
}
