package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nbo.decisioning.contact.ChannelCap;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.ContactPolicy;
import io.nbo.decisioning.contact.ContactTracker;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.offers.Offer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactPolicyTest {
    private static final long HOUR = 3_600_000L;
    private final ContactTracker tracker = new ContactTracker(24 * HOUR);
    private final Offer offer = Events.offer("o1", "books", 10, 1, "web", "email");
    private final Offer sibling = Events.offer("o2", "books", 10, 1, "web", "email");

    private static Campaign campaign(Campaign.ContactPolicy policy) {
        return new Campaign("camp-o1", "C", 0.0, null, null, null, 1.0, null, null, null, policy);
    }

    private ContactHistory show(ContactHistory history, String decisionId, String offerId, String channel, long at) {
        DecisionRecord decision = new DecisionRecord(decisionId, "c1", at, channel, null, "thompson",
                List.of(new DecisionRecord.Candidate(offerId, "camp-o1", "books", channel + "/top", 0.1, 0.1, 1, 10, 1,
                        1, 1, 1)), List.of(offerId), List.of(), false, null, null);
        return tracker.onDecision(history, decision).history();
    }

    private static io.nbo.schemas.events.OfferResponse decline(String decisionId, long at) {
        return new io.nbo.schemas.events.OfferResponse("offer_response", decisionId + ":decline", decisionId, "c1",
                null, "o1", "camp-o1", "decline", at, "web", null, null);
    }

    @Test
    void shouldCapPresentationsPerOfferWithinTheWindow() {
        Campaign capped = campaign(new Campaign.ContactPolicy(new Campaign.Cap(2, 24), null, null, null, null));
        ContactHistory history = show(show(ContactHistory.EMPTY, "d1", "o1", "web", T0), "d2", "o1", "web", T0 + HOUR);

        assertThat(ContactPolicy.refusal(offer, capped, history, T0 + 2 * HOUR))
                .contains("offer cap reached: shown 2 times in 24h (cap 2)");
        assertThat(ContactPolicy.refusal(sibling, capped, history, T0 + 2 * HOUR)).isEmpty();
        assertThat(ContactPolicy.refusal(offer, capped, history, T0 + 24 * HOUR + 1)).isEmpty();
    }

    @Test
    void shouldCapPresentationsPerCampaignAcrossItsOffers() {
        Campaign capped = campaign(new Campaign.ContactPolicy(null, new Campaign.Cap(1, 12), null, null, null));
        ContactHistory history = show(ContactHistory.EMPTY, "d1", "o1", "web", T0);

        assertThat(ContactPolicy.refusal(sibling, capped, history, T0 + HOUR))
                .contains("campaign cap reached: camp-o1 shown 1 time in 12h (cap 1)");
        assertThat(ContactPolicy.campaignAllowance(capped, history, T0 + HOUR)).isZero();
        assertThat(ContactPolicy.campaignAllowance(capped, ContactHistory.EMPTY, T0 + HOUR)).isEqualTo(1);
        assertThat(ContactPolicy.campaignAllowance(campaign(null), history, T0 + HOUR)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void shouldWriteShortWindowsInTheUnitThatFitsThem() {
        assertThat(ContactPolicy.window(24 * HOUR)).isEqualTo("24h");
        assertThat(ContactPolicy.window(90 * 60_000L)).isEqualTo("90min");
        assertThat(ContactPolicy.window((long) (0.01 * HOUR))).isEqualTo("36s");
        assertThat(ContactPolicy.window(1_500)).isEqualTo("1.5s");
        assertThat(ContactPolicy.window(150_000)).isEqualTo("2.5min");
    }

    @Test
    void shouldNotCapATreatedCustomerByTheHoldsOfTheVisitorTheyLoggedInFrom() {
        Campaign capped = campaign(new Campaign.ContactPolicy(new Campaign.Cap(1, 24), null, null, null, null));
        Presentation visitorsHold = new Presentation("d-visitor", "o1", "camp-o1", "books", "web", null, T0, true,
                false, false);
        ContactHistory heldAsControl = new ContactHistory(List.of(visitorsHold), java.util.Map.of(),
                java.util.Map.of("camp-o1", new io.nbo.decisioning.contact.CampaignExposure(true, T0, false, 0)));
        ContactHistory treatedSinceLogin = new ContactHistory(List.of(visitorsHold), java.util.Map.of(),
                java.util.Map.of("camp-o1", new io.nbo.decisioning.contact.CampaignExposure(false, T0, false, 0)));

        assertThat(ContactPolicy.refusal(offer, capped, heldAsControl, T0 + HOUR))
                .contains("offer cap reached: held out 1 time in 24h (cap 1)");
        assertThat(ContactPolicy.refusal(offer, capped, treatedSinceLogin, T0 + HOUR))
                .as("a hold stands for nothing shown to a treated customer").isEmpty();
        assertThat(ContactPolicy.channelAllowance("web", List.of(new ChannelCap("web", 1, 24 * HOUR)),
                treatedSinceLogin, T0 + HOUR)).isEqualTo(1);
    }

    @Test
    void shouldStartACoolDownNoLaterThanNowWhateverTheClientsClock() {
        Campaign cooling = campaign(new Campaign.ContactPolicy(null, null, null, null, 24.0));
        ContactHistory history = show(ContactHistory.EMPTY, "d1", "o1", "web", T0);
        io.nbo.schemas.events.OfferResponse ahead = new io.nbo.schemas.events.OfferResponse("offer_response",
                "d1:accept", "d1", "c1", null, "o1", "camp-o1", "accept", T0 + 20 * HOUR, "web", null, null);

        history = tracker.onResponse(history, ahead, T0 + HOUR).history();

        assertThat(ContactPolicy.refusal(offer, cooling, history, T0 + 24 * HOUR)).isPresent();
        assertThat(ContactPolicy.refusal(offer, cooling, history, T0 + 25 * HOUR + 1))
                .as("24 hours from when the accept reached us, not from the client's clock").isEmpty();
    }

    @Test
    void shouldSuppressAfterDeclinesInARowForTheConfiguredDays() {
        Campaign suppressing = campaign(new Campaign.ContactPolicy(null, null, new Campaign.Suppression(2, 7), null,
                null));
        ContactHistory history = show(ContactHistory.EMPTY, "d1", "o1", "web", T0);
        history = tracker.onResponse(history, decline("d1", T0 + 1)).history();
        assertThat(ContactPolicy.refusal(offer, suppressing, history, T0 + 2)).isEmpty();
        history = show(history, "d2", "o1", "web", T0 + 2);
        history = tracker.onResponse(history, decline("d2", T0 + 3)).history();

        assertThat(ContactPolicy.refusal(offer, suppressing, history, T0 + 4))
                .contains("suppressed after 2 declines in a row, for 7 days");
        assertThat(ContactPolicy.refusal(offer, suppressing, history, T0 + 3 + 7 * DAY)).isEmpty();

        Campaign atOnce = campaign(new Campaign.ContactPolicy(null, null, new Campaign.Suppression(1, 1), null, null));
        ContactHistory once = tracker.onResponse(show(ContactHistory.EMPTY, "d1", "o1", "web", T0),
                decline("d1", T0 + 1)).history();
        assertThat(ContactPolicy.refusal(offer, atOnce, once, T0 + 2)).contains("suppressed after 1 decline in a row, for 1 day");
    }

    @Test
    void shouldSuppressAfterIgnoredPresentations() {
        Campaign suppressing = campaign(new Campaign.ContactPolicy(null, null, null, new Campaign.Suppression(2, 1),
                null));
        ContactHistory history = show(ContactHistory.EMPTY, "d1", "o1", "web", T0);
        history = show(history, "d2", "o1", "web", T0 + HOUR);
        assertThat(ContactPolicy.refusal(offer, suppressing, history, T0 + 2 * HOUR)).as("one ignore so far").isEmpty();
        history = show(history, "d3", "o1", "web", T0 + 2 * HOUR);

        assertThat(ContactPolicy.refusal(offer, suppressing, history, T0 + 3 * HOUR))
                .contains("suppressed after 2 ignored presentations in a row, for 1 day");
    }

    @Test
    void shouldNotCountAClickedPresentationAsIgnored() {
        Campaign suppressing = campaign(new Campaign.ContactPolicy(null, null, null, new Campaign.Suppression(2, 1),
                null));
        ContactHistory history = ContactHistory.EMPTY;
        for (int i = 1; i <= 4; i++) {
            history = show(history, "d" + i, "o1", "web", T0 + i * HOUR);
            history = tracker.onResponse(history, new io.nbo.schemas.events.OfferResponse("offer_response",
                    "d" + i + ":click", "d" + i, "c1", null, "o1", "camp-o1", "click", T0 + i * HOUR + 1, "web", null,
                    null)).history();
        }
        history = show(history, "d5", "o1", "web", T0 + 5 * HOUR);
        assertThat(history.offer("o1").ignoresInRow()).as("each showing was clicked").isZero();
        assertThat(ContactPolicy.refusal(offer, suppressing, history, T0 + 6 * HOUR)).isEmpty();

        history = show(show(history, "d6", "o1", "web", T0 + 6 * HOUR), "d7", "o1", "web", T0 + 7 * HOUR);
        assertThat(ContactPolicy.refusal(offer, suppressing, history, T0 + 8 * HOUR))
                .contains("suppressed after 2 ignored presentations in a row, for 1 day");

        ContactHistory clickedThenDeclined = show(ContactHistory.EMPTY, "d1", "o1", "web", T0);
        clickedThenDeclined = tracker.onResponse(clickedThenDeclined, new io.nbo.schemas.events.OfferResponse(
                "offer_response", "d1:click", "d1", "c1", null, "o1", "camp-o1", "click", T0 + 1, "web", null,
                null)).history();
        clickedThenDeclined = tracker.onResponse(clickedThenDeclined, decline("d1", T0 + 2)).history();
        assertThat(show(clickedThenDeclined, "d2", "o1", "web", T0 + HOUR).offer("o1").ignoresInRow())
                .as("a decline after the click").isEqualTo(1);
    }

    @Test
    void shouldCountIgnoresAmongPresentationsStillInFlight() {
        Campaign suppressing = campaign(new Campaign.ContactPolicy(null, null, null, new Campaign.Suppression(2, 1),
                null));
        ContactHistory recorded = show(ContactHistory.EMPTY, "d1", "o1", "web", T0);
        java.util.List<Presentation> inFlight = java.util.List.of(
                new Presentation("d2", "o1", "camp-o1", "books", "web", null, T0 + 1, false, false, false),
                new Presentation("d3", "o2", "camp-o1", "books", "web", null, T0 + 2, false, false, false));

        ContactHistory withOne = recorded.withUnrecorded(inFlight);
        assertThat(withOne.offer("o1").ignoresInRow()).as("d1 ignored by d2").isEqualTo(1);
        assertThat(ContactPolicy.refusal(offer, suppressing, withOne, T0 + 3)).isEmpty();

        ContactHistory withTwo = recorded.withUnrecorded(java.util.List.of(inFlight.get(0),
                new Presentation("d4", "o1", "camp-o1", "books", "web", null, T0 + 3, false, false, false)));
        assertThat(ContactPolicy.refusal(offer, suppressing, withTwo, T0 + 4))
                .as("the same as once the tracker records d2 and d4")
                .isEqualTo(ContactPolicy.refusal(offer, suppressing,
                        show(show(recorded, "d2", "o1", "web", T0 + 1), "d4", "o1", "web", T0 + 3), T0 + 4))
                .contains("suppressed after 2 ignored presentations in a row, for 1 day");
        assertThat(recorded.offer("o1").ignoresInRow()).as("the recorded history is left as it was").isZero();
    }

    @Test
    void shouldCoolDownAfterAnAccept() {
        Campaign cooling = campaign(new Campaign.ContactPolicy(null, null, null, null, 48.0));
        ContactHistory history = show(ContactHistory.EMPTY, "d1", "o1", "web", T0);
        history = tracker.onResponse(history, new io.nbo.schemas.events.OfferResponse("offer_response", "r1", "d1",
                "c1", null, "o1", "camp-o1", "accept", T0 + HOUR, "web", null, null)).history();

        assertThat(ContactPolicy.refusal(offer, cooling, history, T0 + 2 * HOUR))
                .contains("cooling down after an accept, a convert response or a purchase of what it offers, for 48 hours");
        assertThat(ContactPolicy.refusal(offer, cooling, history, T0 + 50 * HOUR)).isEmpty();
    }

    @Test
    void shouldCoolDownAfterAPurchaseTheShowingLedToButNotAfterOneWithoutAShowing() {
        Campaign cooling = campaign(new Campaign.ContactPolicy(null, null, null, null, 48.0));
        ContactHistory shown = show(ContactHistory.EMPTY, "d1", "o1", "web", T0);
        io.nbo.schemas.events.TransactionEvent books = new io.nbo.schemas.events.TransactionEvent("purchase", "t1",
                "c1", null, T0 + HOUR, "web", null, 20.0, "EUR",
                List.of(new io.nbo.schemas.events.TransactionEvent.Item("p1", "books", 1, 20.0)), null);

        ContactHistory bought = tracker.onPurchase(shown, books, id -> offer).history();
        ContactHistory boughtUnshown = tracker.onPurchase(ContactHistory.EMPTY, books, id -> offer).history();

        assertThat(ContactPolicy.refusal(offer, cooling, bought, T0 + 2 * HOUR))
                .contains("cooling down after an accept, a convert response or a purchase of what it offers, for 48 hours");
        assertThat(ContactPolicy.refusal(offer, cooling, bought, T0 + 50 * HOUR)).isEmpty();
        assertThat(ContactPolicy.refusal(offer, cooling, boughtUnshown, T0 + 2 * HOUR)).isEmpty();
    }

    @Test
    void shouldLimitPresentationsPerChannel() {
        List<ChannelCap> caps = List.of(ChannelCap.parse("email:1/24h"), ChannelCap.parse("web: 3 / 1h"));
        ContactHistory history = show(ContactHistory.EMPTY, "d1", "o1", "email", T0);

        assertThat(ContactPolicy.channelAllowance("email", caps, history, T0 + HOUR)).isZero();
        assertThat(ContactPolicy.channelAllowance("web", caps, history, T0 + HOUR)).isEqualTo(3);
        assertThat(ContactPolicy.channelAllowance("sms", caps, history, T0 + HOUR)).isEqualTo(Integer.MAX_VALUE);
        assertThat(ContactPolicy.channelAllowance("email", caps, history, T0 + 25 * HOUR)).isEqualTo(1);
        assertThat(ContactPolicy.channelCapReached("email", caps, history, T0 + HOUR))
                .contains("channel cap reached for email: shown 1 time in 24h (cap 1)");
        assertThat(ContactPolicy.channelCapReached("web", caps, history, T0 + HOUR)).isEmpty();
        assertThatThrownBy(() -> ChannelCap.parse("email=1")).hasMessageContaining("channel:count/hours h");
        assertThatThrownBy(() -> ChannelCap.parse("callcentre:1/24h"))
                .hasMessageContaining("names channel 'callcentre'").hasMessageContaining("call-centre");
    }
}
