package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentPresentationsTest {
    @Test
    void shouldAddWhatWasShownHereToTheTotalsItsDecisionsRead() {
        RecentPresentations recent = new RecentPresentations();
        recent.record("summer", 1_000, 10);
        recent.record("summer", 1_100, 10);
        recent.record("winter", 1_100, 0);

        assertThat(recent.atLeast("summer", 1_200)).as("10 counted before both").isEqualTo(12);
        assertThat(recent.atLeast("winter", 1_200)).isEqualTo(1);
        assertThat(recent.atLeast("autumn", 1_200)).isZero();

        recent.record("summer", 1_300, 11);
        assertThat(recent.atLeast("summer", 1_400))
                .as("a total that counts one of them already: not counted twice").isEqualTo(13);
        recent.record("summer", 1_400, 20);
        assertThat(recent.atLeast("summer", 1_500)).as("other instances' presentations in the totals").isEqualTo(21);
    }

    @Test
    void shouldForgetPresentationsOutsideTheWindow() {
        RecentPresentations recent = new RecentPresentations();
        recent.record("summer", 1_000, 5);
        recent.record("summer", 1_500, 0);

        assertThat(recent.atLeast("summer", 1_600)).isEqualTo(7);
        assertThat(recent.atLeast("summer", 1_000 + RecentPresentations.WINDOW_MILLIS + 1))
                .as("the first is forgotten; the second read a total of 0").isEqualTo(1);
        recent.expire(1_500 + RecentPresentations.WINDOW_MILLIS + 1);
        assertThat(recent.atLeast("summer", 1_600)).as("forgotten once out of the window").isZero();
    }
}
