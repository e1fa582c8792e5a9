package io.nbo.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void shouldHintAtSecondsOnlyWhereThoseReadAsATimeTaken() {
        assertThat(Timestamps.outOfRangeForAWrite("validFrom", LongNode.valueOf(1_796_599_000L)))
                .hasValueSatisfying(why -> assertThat(why).endsWith("2026-12-06T23:16:40Z: multiply by 1000"));
        assertThat(Timestamps.outOfRangeForAWrite("validFrom", LongNode.valueOf(946_684_799_999L)))
                .as("in seconds the year 31969").hasValueSatisfying(why -> assertThat(why)
                        .contains("before 2000-01-01T00:00:00Z").doesNotContain("multiply"));
    }

    @Test
    void shouldTakeTimesFrom2000To9999() {
        assertThat(Timestamps.outOfRangeForAWrite("validTo", TextNode.valueOf("2000-01-01T00:00:00Z"))).isEmpty();
        assertThat(Timestamps.outOfRangeForAWrite("validTo", LongNode.valueOf(253_402_300_799_999L))).isEmpty();
        assertThat(Timestamps.outOfRangeForAWrite("validTo", LongNode.valueOf(253_402_300_800_000L)))
                .hasValueSatisfying(why -> assertThat(why).endsWith("(leave validTo out for no end)"));
    }
}
