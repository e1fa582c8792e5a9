package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nbo.decisioning.profile.Affinity;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.profile.ProfileUpdater;
import io.nbo.decisioning.profile.Rfm;
import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileUpdaterTest {
    private final ProfileRules rules = ProfileRules.defaults();
    private final ProfileUpdater updater = new ProfileUpdater(rules);

    private CustomerProfile fold(CustomerEvent... events) {
        CustomerProfile profile = null;
        for (CustomerEvent event : events) {
            profile = updater.apply(profile, event);
        }
        return profile;
    }

    @Test
    void shouldHalveAnAffinityEveryHalfLife() {
        Affinity affinity = new Affinity(8, T0);
        long halfLife = Duration.ofDays(14).toMillis();

        assertThat(affinity.weightAt(T0 + halfLife, halfLife)).isCloseTo(4, within(1e-9));
        assertThat(affinity.weightAt(T0 + 2 * halfLife, halfLife)).isCloseTo(2, within(1e-9));
        assertThat(affinity.weightAt(T0 - halfLife, halfLife)).isEqualTo(8);
    }

    @Test
    void shouldAddALateEventAtItsOwnDecayedWeight() {
        long halfLife = Duration.ofDays(14).toMillis();
        Affinity late = new Affinity(1, T0).plus(8, T0 - halfLife, halfLife);

        assertThat(late.weight()).isCloseTo(5, within(1e-9));
        assertThat(late.asOf()).isEqualTo(T0);
    }

    @Test
    void shouldWeighCartsAbovePageViewsAndPurchasesAboveCarts() {
        CustomerProfile profile = fold(Events.view("c1", "books", T0), Events.cart("c1", "garden", T0),
                Events.purchase("c1", 30, "outdoor", T0));

        assertThat(profile.affinities().get("books").weight()).isEqualTo(rules.viewWeight());
        assertThat(profile.affinities().get("garden").weight()).isEqualTo(rules.cartWeight());
        assertThat(profile.affinities().get("outdoor").weight()).isEqualTo(rules.purchaseWeight());
    }

    @Test
    void shouldKeepSpendFrequencyAndAverageNetOfRefunds() {
        CustomerProfile profile = fold(Events.purchase("c1", 100, "tv", T0), Events.purchase("c1", 50, "tv", T0 + DAY),
                Events.refund("c1", 30, "tv", T0 + 2 * DAY));

        assertThat(profile.spend().purchases()).isEqualTo(2);
        assertThat(profile.spend().refunds()).isEqualTo(1);
        assertThat(profile.spend().total()).isEqualTo(150);
        assertThat(profile.spend().net()).isEqualTo(120);
        assertThat(profile.spend().averageOrderValue()).isEqualTo(75);
        assertThat(profile.spend().lastPurchaseAt()).isEqualTo(T0 + DAY);
        assertThat(profile.affinities().get("tv").weight()).isLessThan(2 * rules.purchaseWeight());
    }

    @Test
    void shouldLetARefundNameNoInterestWhereNoneWas() {
        CustomerProfile profile = fold(Events.view("c1", "books", T0), Events.refund("c1", 30, "tv", T0));

        assertThat(profile.affinities()).containsOnlyKeys("books");
    }

    @Test
    void shouldLetARefundTakeBackAtMostHalfOfTheInterest() {
        long now = T0 + 30 * DAY;
        CustomerProfile browsedSinceAnOldPurchase = fold(Events.purchase("c1", 100, "garden", T0),
                Events.view("c1", "garden", now - 3_600_000L), Events.refund("c1", 10, "garden", now));
        double before = fold(Events.purchase("c1", 100, "garden", T0), Events.view("c1", "garden", now - 3_600_000L))
                .affinities().get("garden").weightAt(now, rules.halfLifeMillis());

        assertThat(browsedSinceAnOldPurchase.affinities().get("garden").weightAt(now, rules.halfLifeMillis()))
                .as("the morning's browsing outlives a refund of a month-old order").isCloseTo(before / 2, within(1e-9));
        assertThat(fold(Events.purchase("c1", 100, "garden", T0), Events.refund("c1", 100, "garden", T0))
                .affinities().get("garden").weight()).as("a fresh purchase refunded: 8 less 4")
                .isEqualTo(rules.purchaseWeight() + rules.refundWeight());
        TransactionEvent threeItems = new TransactionEvent("refund", "r-3", "c1", null, now, "store", null, 30.0, "EUR",
                List.of(new TransactionEvent.Item("p-1", "garden", 1, 10.0), new TransactionEvent.Item("p-2", "garden", 1, 10.0),
                        new TransactionEvent.Item("p-3", "garden", 1, 10.0)), null);
        assertThat(fold(Events.purchase("c1", 100, "garden", T0), Events.view("c1", "garden", now - 3_600_000L), threeItems)
                .affinities().get("garden").weightAt(now, rules.halfLifeMillis()))
                .as("one refund of three items takes back half once").isCloseTo(before / 2, within(1e-9));
    }

    @Test
    void shouldTrackFirstAndLastSeenWhateverTheArrivalOrder() {
        CustomerProfile profile = fold(Events.view("c1", "a", T0 + 5 * DAY), Events.view("c1", "a", T0),
                Events.view("c1", "a", T0 + 3 * DAY));

        assertThat(profile.firstSeen()).isEqualTo(T0);
        assertThat(profile.lastSeen()).isEqualTo(T0 + 5 * DAY);
        assertThat(profile.eventCount()).isEqualTo(3);
        assertThat(profile.known()).isTrue();
    }

    @Test
    void shouldNotCountAnswersToOffersOrRecordUpdatesAsActivity() {
        CustomerProfile bought = fold(Events.purchase("c1", 50, "a", T0));
        CustomerProfile later = fold(Events.purchase("c1", 50, "a", T0),
                Events.consents("c1", Map.of("email", false), T0 + 200 * DAY),
                new OfferResponse("offer_response", "r1", "d-none", "c1", null, "o1", "k1", "decline", T0 + 200 * DAY,
                        "call-centre", null, null));

        assertThat(later.lastSeen()).isEqualTo(bought.lastSeen());
        assertThat(fold(Events.purchase("c1", 50, "a", T0), Events.consents("c1", Map.of("sms", true), T0 - 400 * DAY))
                .firstSeen()).as("a backdated record update is no first visit").isEqualTo(T0);
        assertThat(later.channelUsage()).isEqualTo(bought.channelUsage()).doesNotContainKey("call-centre");
        assertThat(later.eventCount()).isEqualTo(3);
        assertThat(later.consents()).containsEntry("email", false);
        assertThat(later.responseCounts()).containsEntry("decline", 1L);
    }

    @Test
    void shouldShowTheCurrencyOfTheLatestPurchaseWhateverTheArrivalOrder() {
        TransactionEvent recent = Events.purchase("c1", 10, "a", T0 + 5 * DAY);
        TransactionEvent late = new TransactionEvent("purchase", "t-old", "c1", null, T0, "store", null, 10.0, "USD",
                List.of(), null);

        assertThat(fold(recent, late).spend().currency()).isEqualTo("EUR");
        assertThat(fold(late, recent).spend().currency()).isEqualTo("EUR");
    }

    @Test
    void shouldKeepOnlyTheLastPagesInEventTimeOrder() {
        CustomerEvent[] views = new CustomerEvent[rules.recentPagesKept() + 3];
        for (int i = 0; i < views.length; i++) {
            views[i] = Events.view("c1", "cat" + i, T0 + i * 1000L);
        }
        CustomerProfile profile = fold(views);

        assertThat(profile.recentPages()).hasSize(rules.recentPagesKept());
        assertThat(profile.recentPages().get(0).category()).isEqualTo("cat3");
        assertThat(profile.recentPages().get(rules.recentPagesKept() - 1).category()).isEqualTo("cat" + (views.length - 1));
    }

    @Test
    void shouldCountChannelUsageAndRememberTheLatestChannel() {
        CustomerProfile profile = fold(Events.view("c1", "a", T0), Events.purchase("c1", 5, "a", T0 + 1),
                Events.view("c1", "a", T0 + 2));

        assertThat(profile.channelUsage()).containsEntry("web", 2L).containsEntry("store", 1L);
        assertThat(profile.lastChannel()).isEqualTo("web");
    }

    @Test
    void shouldMergeConsentsAndRemoveAttributesSetToNull() {
        Map<String, Object> first = Map.of("tier", "gold", "city", "Utrecht");
        Map<String, Object> second = new HashMap<>();
        second.put("city", null);
        second.put("age", 41);
        CustomerProfile profile = fold(Events.consents("c1", Map.of("marketing", true, "email", true), T0),
                Events.consents("c1", Map.of("email", false), T0 + 1), Events.attributes("c1", first, T0 + 2),
                Events.attributes("c1", second, T0 + 3));

        assertThat(profile.consents()).containsEntry("marketing", true).containsEntry("email", false);
        assertThat(profile.attributes()).containsEntry("tier", "gold").containsEntry("age", 41)
                .doesNotContainKey("city");
    }

    @Test
    void shouldNotLetALateOlderUpdateOverrideANewerOne() {
        CustomerProfile profile = fold(Events.consents("c1", Map.of("marketing", false), T0 + DAY),
                Events.consents("c1", Map.of("marketing", true, "sms", true), T0),
                Events.attributes("c1", Map.of("tier", "gold"), T0 + DAY),
                Events.attributes("c1", Map.of("tier", "bronze"), T0),
                Events.nps("c1", 9, T0 + DAY), Events.nps("c1", 2, T0));

        assertThat(profile.consents()).containsEntry("marketing", false).containsEntry("sms", true);
        assertThat(profile.attributes()).containsEntry("tier", "gold");
        assertThat(profile.feedback().lastNps()).isEqualTo(9);
    }

    @Test
    void shouldLeaveAConsentWithdrawnWhenAGiveIsDatedTheSameMoment() {
        CustomerProfile withdrawnFirst = fold(Events.consents("c1", Map.of("email", false), T0),
                Events.consents("c1", Map.of("email", true), T0));
        CustomerProfile givenFirst = fold(Events.consents("c1", Map.of("email", true), T0),
                Events.consents("c1", Map.of("email", false), T0));

        assertThat(withdrawnFirst.consents()).as("in doubt, no consent").containsEntry("email", false);
        assertThat(givenFirst.consents()).containsEntry("email", false);
        assertThat(fold(Events.consents("c1", Map.of("email", false), T0),
                Events.consents("c1", Map.of("email", true), T0 + 1)).consents()).as("a later give counts")
                .containsEntry("email", true);
    }

    @Test
    void shouldSummariseTheCustomersVoiceAndResponses() {
        CustomerProfile profile = fold(Events.nps("c1", 3, T0), Events.complaint("c1", T0 + 1),
                Events.response("c1", "o1", "accept", T0 + 2), Events.response("c1", "o2", "decline", T0 + 3),
                Events.response("c1", "o3", "decline", T0 + 4));

        assertThat(profile.feedback().lastNps()).isEqualTo(3);
        assertThat(profile.feedback().complaints()).isEqualTo(1);
        assertThat(profile.feedback().lastComplaintAt()).isEqualTo(T0 + 1);
        assertThat(profile.responseCounts()).containsEntry("accept", 1L).containsEntry("decline", 2L);
    }

    @Test
    void shouldKeepWhatTheLatestComplaintSaidShortened() {
        String rant = "ö".repeat(300);
        CustomerProfile profile = fold(complaint("the parcel never came", "delivery", T0 + DAY),
                complaint("an older one, arriving late", "billing", T0));

        assertThat(profile.feedback().complaints()).isEqualTo(2);
        assertThat(profile.feedback().lastComplaint())
                .isEqualTo(new CustomerProfile.Complaint("the parcel never came", "delivery"));
        CustomerProfile.Complaint shortened = fold(complaint(rant, null, T0)).feedback().lastComplaint();
        assertThat(shortened.text()).hasSize(CustomerProfile.Feedback.COMPLAINT_CHARS).endsWith("ö…");
        assertThat(shortened.topic()).isNull();

        CustomerProfile visitor = fold(complaint("rude on the phone", null, T0 + 2 * DAY));
        io.nbo.decisioning.identity.ProfileMerger merger = new io.nbo.decisioning.identity.ProfileMerger(rules);
        assertThat(merger.merge(profile, visitor, "c1").feedback().lastComplaint().text()).as("the later of both")
                .isEqualTo("rude on the phone");
        assertThat(merger.merge(visitor, profile, "c1").feedback().lastComplaint().text()).isEqualTo("rude on the phone");
    }

    @Test
    void shouldKeepTheLatestPurchaseAndRefundAmountsByEventTime() {
        CustomerProfile profile = fold(Events.purchase("c1", 59.9, "tv", T0 + DAY), Events.purchase("c1", 10, "books", T0),
                Events.refund("c1", 20, "tv", T0 + 2 * DAY), Events.refund("c1", 5, "books", T0 + DAY / 2));

        assertThat(profile.spend().lastPurchaseAmount()).as("a late older purchase changes nothing").isEqualTo(59.9);
        assertThat(profile.spend().lastRefundAt()).isEqualTo(T0 + 2 * DAY);
        assertThat(profile.spend().lastRefundAmount()).isEqualTo(20.0);

        CustomerProfile visitor = fold(Events.purchase("c1", 7.5, "books", T0 + 3 * DAY));
        CustomerProfile merged = new io.nbo.decisioning.identity.ProfileMerger(rules).merge(profile, visitor, "c1");
        assertThat(merged.spend().lastPurchaseAmount()).as("the later of both").isEqualTo(7.5);
        assertThat(merged.spend().lastRefundAmount()).isEqualTo(20.0);
    }

    private static io.nbo.schemas.events.FeedbackEvent complaint(String text, String topic, long at) {
        return new io.nbo.schemas.events.FeedbackEvent("complaint", java.util.UUID.randomUUID().toString(), "c1", null,
                at, "call-centre", null, null, text, topic, null, null, null);
    }

    @Test
    void shouldKeepOnlyTheStrongestCategoriesWhenThereAreTooMany() {
        ProfileUpdater small = new ProfileUpdater(new ProfileRules(Duration.ofDays(14), 10, 2, 1, 2, 4, 8, -4));
        CustomerProfile profile = null;
        profile = small.apply(profile, Events.purchase("c1", 1, "strong", T0));
        profile = small.apply(profile, Events.cart("c1", "middle", T0));
        profile = small.apply(profile, Events.view("c1", "weak", T0));

        assertThat(profile.affinities()).containsOnlyKeys("strong", "middle");
    }

    @Test
    void shouldMarkAnAnonymousVisitorAsNotKnown() {
        ClickstreamEvent anonymous = new ClickstreamEvent("page_view", "e1", null, "anon-1", T0, "web", "/", null,
                null, null, null, null);

        CustomerProfile profile = fold(anonymous);

        assertThat(profile.subjectId()).isEqualTo("anon-1");
        assertThat(profile.known()).isFalse();
    }

    @Test
    void shouldScoreRecencyFrequencyAndMonetaryValue() {
        CustomerProfile profile = fold(Events.purchase("c1", 200, "a", T0), Events.purchase("c1", 100, "a", T0 + DAY));

        Rfm rfm = Rfm.of(profile, T0 + 11 * DAY);

        assertThat(rfm.daysSinceLastPurchase()).isEqualTo(10);
        assertThat(rfm.frequency()).isEqualTo(2);
        assertThat(rfm.monetary()).isEqualTo(300);
        assertThat(rfm.code()).isEqualTo("423");
        assertThat(Rfm.of(CustomerProfile.empty("x"), T0).code()).isEqualTo("111");
    }
}
