package io.nbo.load.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HiddenWorldTest {
    private final HiddenWorld world = new HiddenWorld(6, 3000, 42);

    @Test
    void shouldKeepEachCustomersFavouriteFixed() {
        assertThat(IntStream.range(0, 100).allMatch(c -> world.favourite(c) == world.favourite(c))).isTrue();
    }

    @Test
    void shouldMakeCheaperCategoriesMorePopular() {
        long cheapest = IntStream.range(0, 3000).filter(c -> world.favourite(c) == 0).count();
        long dearest = IntStream.range(0, 3000).filter(c -> world.favourite(c) == 5).count();

        assertThat(cheapest).isGreaterThan(3 * dearest);
    }

    @Test
    void shouldRewardTheFavouriteOverTheMostValuableOffer() {
        int customer = IntStream.range(0, 3000).filter(c -> world.favourite(c) == 1).findFirst().orElseThrow();
        HiddenWorld.SimOffer liked = world.offers().get(1);
        HiddenWorld.SimOffer richest = world.offers().get(5);

        assertThat(world.acceptProbability(customer, liked)).isEqualTo(HiddenWorld.LIKED_ACCEPT);
        assertThat(world.expectedRevenue(customer, liked)).isGreaterThan(world.expectedRevenue(customer, richest));
    }
}
