package io.nbo.load.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * Exactness as users see it, over the HTTP API of one instance (which forwards to the owner of a customer).
 * Each check collects every mismatch before failing, so one run shows the whole extent of a loss or a repeat.
 */
final class HttpChecks {
    private final KnownStream stream;
    private final ServiceApi api;

    HttpChecks(KnownStream stream, ServiceApi api) {
        this.stream = stream;
        this.api = api;
    }

    /** Both campaigns' treatment totals on the stats route, per offer and summed over the live windows too. */
    void assertCampaigns(ServiceNode node, LoggedDecisions logged) throws Exception {
        SoftAssertions soft = new SoftAssertions();
        assertCampaign(soft, node, KnownStream.HOME_CAMPAIGN, KnownStream.HOME_OFFER, stream.homeCampaign());
        assertCampaign(soft, node, DecisionTraffic.PRODUCT_CAMPAIGN, DecisionTraffic.PRODUCT_OFFER,
                logged.shownOnly(stream.customers.keySet(), DecisionTraffic.PRODUCT_OFFER));
        soft.assertAll();
    }

    private void assertCampaign(SoftAssertions soft, ServiceNode node, String campaignId, String offerId,
                                  CampaignTotals expected) throws Exception {
        ServiceApi.Reply reply = api.get(node.url(), "/v1/campaigns/" + campaignId + "/stats");
        soft.assertThat(reply.status()).as("stats of %s on %s: %s", campaignId, node.name(), reply).isEqualTo(200);
        if (reply.status() != 200) {
            return;
        }
        JsonNode stats = reply.json();
        soft.assertThat(CampaignTotals.fromRoute(stats.path("treatment")))
                .as("%s treatment totals on %s", campaignId, node.name()).isEqualTo(expected);
        JsonNode offer = stats.path("offers").path(offerId);
        soft.assertThat(List.of(offer.path("impressions").asLong(), offer.path("accepts").asLong(),
                        offer.path("conversions").asLong()))
                .as("%s impressions, accepts, conversions of offer %s on %s", campaignId, offerId, node.name())
                .containsExactly(expected.impressions(), expected.accepts(), expected.conversions());
        long windowImpressions = 0;
        long windowConversions = 0;
        for (JsonNode window : stats.path("windows")) {
            windowImpressions += window.path("impressions").asLong();
            windowConversions += window.path("conversions").asLong();
        }
        soft.assertThat(List.of(windowImpressions, windowConversions))
                .as("%s impressions and conversions summed over the minute windows on %s", campaignId, node.name())
                .containsExactly(expected.impressions(), expected.conversions());
    }

    /** Every customer's profile, asked of {@code node} (which forwards to the owner): counts and money exact. */
    void assertProfiles(ServiceNode node) throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (ExpectedCustomer customer : stream.customers.values()) {
            ServiceApi.Reply reply = api.get(node.url(), "/v1/customers/" + customer.customerId);
            soft.assertThat(reply.status()).as("profile of %s from %s: %s", customer.customerId, node.name(), reply)
                    .isEqualTo(200);
            if (reply.status() == 200) {
                ProfileAssertions.assertProfile(soft, customer, reply.json(), "over HTTP from " + node.name());
            }
        }
        soft.assertAll();
    }

    /**
     * After the faults, a product decision previewed now drops the offer exactly when the customer's count of
     * presentations has reached the cap, and the reason names that count: the logged decisions, plus up to
     * {@code answeredNotLogged} more that an instance answered but could not log and still counts for a while.
     */
    void assertCapsHold(ServiceNode node, LoggedDecisions logged, Map<String, Long> answeredNotLogged)
            throws Exception {
        Pattern capReached = Pattern.compile("offer cap reached: shown (\\d+) times? in 24h \\(cap "
                + DecisionTraffic.PRODUCT_CAP + "\\)");
        SoftAssertions soft = new SoftAssertions();
        for (String customerId : stream.customers.keySet()) {
            int shown = logged.showing(customerId, DecisionTraffic.PRODUCT_OFFER).size();
            long unlogged = answeredNotLogged.getOrDefault(customerId, 0L);
            ServiceApi.Reply reply = api.get(node.url(), "/v1/customers/" + customerId
                    + "/offers?channel=web&placement=product&limit=1&preview=true&explain=true");
            soft.assertThat(reply.status()).as("preview for %s: %s", customerId, reply).isEqualTo(200);
            if (reply.status() != 200) {
                continue;
            }
            JsonNode decision = reply.json();
            List<String> reasons = new ArrayList<>();
            decision.path("dropped").forEach(d -> {
                if (DecisionTraffic.PRODUCT_OFFER.equals(d.path("offerId").asText())) {
                    reasons.add(d.path("reason").asText());
                }
            });
            if (reasons.isEmpty()) {
                soft.assertThat(decision.at("/offers/0/offerId").asText())
                        .as("%s: preview neither shows nor drops the product offer: %s", customerId, reply)
                        .isEqualTo(DecisionTraffic.PRODUCT_OFFER);
                soft.assertThat(shown).as("%s: offered the product offer again after %d logged presentations",
                        customerId, shown).isLessThan(DecisionTraffic.PRODUCT_CAP);
                continue;
            }
            Matcher matcher = capReached.matcher(reasons.get(0));
            boolean cappedAlone = reasons.size() == 1 && matcher.matches();
            soft.assertThat(cappedAlone)
                    .as("%s: the product offer is dropped for its cap alone, got %s", customerId, reasons).isTrue();
            if (cappedAlone) {
                soft.assertThat(Long.parseLong(matcher.group(1)))
                        .as("%s: presentations the cap counts (%d logged, %d answered but not logged)", customerId,
                                shown, unlogged)
                        .isBetween((long) shown, shown + unlogged)
                        .isGreaterThanOrEqualTo(DecisionTraffic.PRODUCT_CAP);
            }
        }
        soft.assertAll();
    }
}
