package io.nbo.load.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;

/** One customer's profile, as the store keeps it and the API shows it, against what the stream must give. */
final class ProfileAssertions {
    private ProfileAssertions() {
    }

    static void assertProfile(SoftAssertions soft, ExpectedCustomer customer, JsonNode profile, String where) {
        String who = customer.customerId + " " + where;
        soft.assertThat(profile.path("eventCount").asLong()).as("%s: eventCount", who)
                .isEqualTo(customer.eventIds.size());
        JsonNode spend = profile.path("spend");
        soft.assertThat(spend.path("purchases").asLong()).as("%s: purchases", who).isEqualTo(customer.purchases);
        soft.assertThat(spend.path("total").asDouble()).as("%s: spend total", who).isEqualTo(customer.spent);
        soft.assertThat(spend.path("refunds").asLong()).as("%s: refunds", who).isEqualTo(customer.refunds);
        soft.assertThat(spend.path("refunded").asDouble()).as("%s: refunded", who).isEqualTo(customer.refunded);
        Map<String, Long> responses = new TreeMap<>();
        profile.path("responseCounts").fields().forEachRemaining(e -> responses.put(e.getKey(), e.getValue().asLong()));
        soft.assertThat(responses).as("%s: response counts", who).isEqualTo(customer.responseCounts);
    }
}
