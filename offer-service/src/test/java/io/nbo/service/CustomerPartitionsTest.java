package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nbo.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class CustomerPartitionsTest {
    @Test
    void shouldTakeTheCountAllCustomerKeyedTopicsShare() {
        assertThat(OfferService.customerPartitions(topic -> 12)).isEqualTo(12);
    }

    @Test
    void shouldRefuseToStartWhenTheyDiffer() {
        String odd = Topics.DECISIONS.name();
        assertThatThrownBy(() -> OfferService.customerPartitions(topic -> topic.equals(odd) ? 3 : 6))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(odd + "=3").hasMessageContaining("clickstream=6");
    }
}
