package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.campaigns.ControlGroups;
import io.nbo.decisioning.contact.ChannelCap;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.ContactTracker;
import io.nbo.decisioning.decision.DecisionFunnel;
import io.nbo.decisioning.decision.DecisionPolicy;
import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.DroppedOffer;
import io.nbo.decisioning.decision.FunnelResult;
import io.nbo.decisioning.decision.RankedOffer;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.relationship.RelationshipRules;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.offers.Offer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control groups in the funnel: who is held out, when a hold is recorded, and how groups stay put. */
class ControlGroupFunnelTest extends FunnelFixture {
    @Test
    void shouldHoldOutControlCustomersAndRecordWhatTheyWouldHaveSeen() {
        campaigns.put("camp-tv-50", new Campaign("camp-tv-50", "TV", 0.5, null, null, null, 1.0, null, null, null,
                null));
        String control = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c-" + i)
                .filter(c -> ControlGroups.inControl(c, campaigns.get("camp-tv-50"))).findFirst().orElseThrow();

        FunnelResult result = greedy.decide(inputs(control, CustomerProfile.empty(control), ContactHistory.EMPTY, tv,
                books), web, rng);

        assertThat(result.offers()).extracting(RankedOffer::offerId).containsExactly("books-5");
        assertThat(result.heldOut()).containsExactly(new DecisionRecord.ControlHold("camp-tv-50", "tv-50", "tv"));
        assertThat(result.dropped()).anyMatch(d -> d.stage() == DroppedOffer.Stage.CONTROL_GROUP);
    }

    @Test
    void shouldHoldOutEveryOfferOfTheCampaignATreatedCustomerWouldBeShown() {
        // A treated customer shown both can convert on either; with one hold, control could convert on one only.
        campaigns.put("camp-tv-50", new Campaign("camp-tv-50", "TV", 0.5, null, null, null, 1.0, null, null, null,
                null));
        Offer stand = new Offer("tv-stand", "camp-tv-50", "Stand", null, "furniture", List.of("web"), List.of(), 40, 1,
                null, null, List.of(), null, List.of(), null, null, null, null, null);
        String control = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c-" + i)
                .filter(c -> ControlGroups.inControl(c, campaigns.get("camp-tv-50"))).findFirst().orElseThrow();
        String treated = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c-" + i)
                .filter(c -> !ControlGroups.inControl(c, campaigns.get("camp-tv-50"))).findFirst().orElseThrow();

        FunnelResult held = greedy.decide(inputs(control, CustomerProfile.empty(control), ContactHistory.EMPTY, tv,
                stand, books), web, rng);
        FunnelResult shown = greedy.decide(inputs(treated, CustomerProfile.empty(treated), ContactHistory.EMPTY, tv,
                stand, books), web, rng);
        FunnelResult oneSlot = greedy.decide(inputs(control, CustomerProfile.empty(control), ContactHistory.EMPTY, tv,
                stand, books), new DecisionRequest("web", "home", 1, T0), rng);

        assertThat(shown.offers()).extracting(RankedOffer::offerId).containsExactly("tv-50", "tv-stand", "books-5");
        assertThat(held.heldOut()).containsExactly(new DecisionRecord.ControlHold("camp-tv-50", "tv-50", "tv"),
                new DecisionRecord.ControlHold("camp-tv-50", "tv-stand", "furniture"));
        assertThat(oneSlot.heldOut()).as("only what one slot would have shown")
                .containsExactly(new DecisionRecord.ControlHold("camp-tv-50", "tv-50", "tv"));
        assertThat(oneSlot.dropped()).filteredOn(d -> d.stage() == DroppedOffer.Stage.CONTROL_GROUP)
                .extracting(DroppedOffer::offerId, DroppedOffer::reason).as("the explanation says which was a hold")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tv-50", "customer is in the control group of campaign"
                                + " camp-tv-50: held out, a hold for its lift (recorded unless previewed), since this answer would have shown it"),
                        org.assertj.core.groups.Tuple.tuple("tv-stand", "customer is in the control group of campaign"
                                + " camp-tv-50; no hold, since this answer would not have shown it either"));
    }

    @Test
    void shouldCapAControlCustomersHoldsAsATreatedCustomersPresentations() {
        // Otherwise a capped offer stops being shown to treatment but keeps being held for control, and each extra
        // hold gives control another presentation a purchase can convert.
        Campaign capped = new Campaign("camp-tv-50", "TV", 0.5, null, null, null, 1.0, null, null, null,
                new Campaign.ContactPolicy(new Campaign.Cap(1, 24), null, null, null, null));
        Rounds rounds = new Rounds(greedy, capped, "web");

        assertThat(rounds.treated()).as("capped for a day after each showing")
                .containsExactly("0:shown", "2:shown", "4:shown", "6:shown");
        assertThat(rounds.control()).as("held out exactly when the treated customer was shown")
                .containsExactly("0:held", "2:held", "4:held", "6:held");
        FunnelResult afterLastHold = greedy.decide(inputs(rounds.controlId, CustomerProfile.empty(rounds.controlId),
                rounds.histories.get(rounds.controlId), tv), new DecisionRequest("web", "home", 1, rounds.at(7)), rng);
        assertThat(afterLastHold.dropped()).extracting(DroppedOffer::reason).as("in words true for a control customer")
                .contains("offer cap reached: held out 1 time in 24h (cap 1)");
    }

    @Test
    void shouldCapAControlCustomersHoldsOnACappedChannelToo() {
        DecisionFunnel emailOncePerDay = new DecisionFunnel(new DecisionPolicy(DecisionPolicy.GREEDY, 50,
                Duration.ofDays(14), List.of(new ChannelCap("email", 1, 24 * 3_600_000L)), ProfileRules.defaults(),
                RelationshipRules.defaults(), java.time.ZoneOffset.UTC));
        Campaign uncapped = new Campaign("camp-tv-50", "TV", 0.5, null, null, null, 1.0, null, null, null, null);
        Rounds rounds = new Rounds(emailOncePerDay, uncapped, "email");

        assertThat(rounds.treated()).containsExactly("0:shown", "2:shown", "4:shown", "6:shown");
        assertThat(rounds.control()).as("not held out on every request while treatment waits for the channel")
                .containsExactly("0:held", "2:held", "4:held", "6:held");
    }

    /**
     * A control and a treated customer of {@code campaign} asked for {@code tv} on {@code channel} every 13 hours,
     * eight times, each decision recorded before the next: what each was shown or held out from, by round.
     */
    private final class Rounds {
        final String controlId;
        final String treatedId;
        final java.util.Map<String, ContactHistory> histories = new java.util.HashMap<>();
        private final java.util.Map<String, List<String>> exposures = new java.util.HashMap<>();

        Rounds(DecisionFunnel funnel, Campaign campaign, String channel) {
            campaigns.put(campaign.campaignId(), campaign);
            java.util.function.Predicate<String> inControl = c -> ControlGroups.inControl(c, campaign);
            controlId = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c-" + i).filter(inControl)
                    .findFirst().orElseThrow();
            treatedId = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c-" + i).filter(inControl.negate())
                    .findFirst().orElseThrow();
            ContactTracker tracker = new ContactTracker(DAY);
            for (int round = 0; round < 8; round++) {
                for (String customer : List.of(controlId, treatedId)) {
                    ContactHistory history = histories.getOrDefault(customer, ContactHistory.EMPTY);
                    CustomerProfile optedIn = updater.apply(null, Events.consents(customer, java.util.Map.of(channel,
                            true), T0));
                    FunnelResult result = funnel.decide(inputs(customer, optedIn, history, tv),
                            new DecisionRequest(channel, "home", 1, at(round)), rng);
                    List<String> seen = exposures.computeIfAbsent(customer, c -> new java.util.ArrayList<>());
                    String when = Integer.toString(round);
                    result.offers().forEach(o -> seen.add(when + ":shown"));
                    result.heldOut().forEach(h -> seen.add(when + ":held"));
                    histories.put(customer, tracker.onDecision(history, new DecisionRecord("d" + round + customer,
                            customer, at(round), channel, "home", "greedy", result.offers().stream()
                                    .map(o -> new DecisionRecord.Candidate(o.offerId(), o.campaignId(), "tv",
                                            channel + "/new", 0.1, 0.1, 1, 50, 1, 1, 1, 1)).toList(),
                            result.offers().stream().map(RankedOffer::offerId).toList(), result.heldOut(), false,
                            null, null)).history());
                }
            }
        }

        long at(int round) {
            return T0 + round * 13 * 3_600_000L;
        }

        List<String> treated() {
            return exposures.get(treatedId);
        }

        List<String> control() {
            return exposures.get(controlId);
        }
    }

    @Test
    void shouldKeepACustomerInTheGroupTheyWereCountedInWhenTheShareChanges() {
        Campaign half = new Campaign("camp-tv-50", "TV", 0.5, null, null, null, 1.0, null, null, null, null);
        java.util.function.DoubleFunction<Campaign> share = control -> new Campaign("camp-tv-50", "TV", control, null,
                null, null, 1.0, null, null, null, null);
        String heldBefore = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "c-" + i)
                .filter(c -> ControlGroups.inControl(c, half) && !ControlGroups.inControl(c, share.apply(0.1)))
                .findFirst().orElseThrow();
        String shownBefore = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "c-" + i)
                .filter(c -> ControlGroups.inControl(c, share.apply(0.9)) && !ControlGroups.inControl(c, half))
                .findFirst().orElseThrow();
        DecisionRecord.Candidate candidate = new DecisionRecord.Candidate("tv-50", "camp-tv-50", "tv", "web/new", 0.1,
                0.1, 1, 50, 1, 1, 1, 1);
        ContactTracker tracker = new ContactTracker(DAY);
        ContactHistory held = tracker.onDecision(ContactHistory.EMPTY, new DecisionRecord("d1", heldBefore, T0, "web",
                "home", "greedy", List.of(), List.of(),
                List.of(new DecisionRecord.ControlHold("camp-tv-50", "tv-50", "tv")), false, null, null)).history();
        ContactHistory shown = tracker.onDecision(ContactHistory.EMPTY, new DecisionRecord("d2", shownBefore, T0, "web",
                "home", "greedy", List.of(candidate), List.of("tv-50"), List.of(), false, null, null)).history();

        campaigns.put("camp-tv-50", share.apply(0.1));
        FunnelResult stillHeld = greedy.decide(inputs(heldBefore, CustomerProfile.empty(heldBefore), held, tv), web, rng);
        campaigns.put("camp-tv-50", share.apply(0.9));
        FunnelResult stillShown = greedy.decide(inputs(shownBefore, CustomerProfile.empty(shownBefore), shown, tv), web,
                rng);
        campaigns.put("camp-tv-50", share.apply(0));
        FunnelResult holdOutEnded = greedy.decide(inputs(heldBefore, CustomerProfile.empty(heldBefore), held, tv), web,
                rng);

        assertThat(stillHeld.offers()).isEmpty();
        assertThat(stillHeld.heldOut()).extracting(DecisionRecord.ControlHold::offerId).containsExactly("tv-50");
        assertThat(stillShown.offers()).extracting(RankedOffer::offerId).containsExactly("tv-50");
        assertThat(holdOutEnded.offers()).extracting(RankedOffer::offerId).containsExactly("tv-50");

        ContactHistory treatedMeanwhile = tracker.onDecision(held, new DecisionRecord("d3", heldBefore, T0 + DAY,
                "web", "home", "greedy", List.of(candidate), List.of("tv-50"), List.of(), false, null, null)).history();
        campaigns.put("camp-tv-50", half);
        FunnelResult shareAgain = greedy.decide(inputs(heldBefore, CustomerProfile.empty(heldBefore), treatedMeanwhile,
                tv), web, rng);
        assertThat(shareAgain.offers()).as("treated once the hold-out ended: no control customer any more")
                .extracting(RankedOffer::offerId).containsExactly("tv-50");
        assertThat(shareAgain.heldOut()).isEmpty();
    }

    @Test
    void shouldRecordAHoldOnlyWhereTheOfferWouldHaveBeenShown() {
        // Treatment counts the customers an offer was shown to, so control counts those it would have been
        // shown to: a held-out offer that would have ranked below the shown slots is no exposure at all.
        campaigns.put("camp-books-5", new Campaign("camp-books-5", "Books", 0.5, null, null, null, 1.0, null, null,
                null, null));
        String control = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c-" + i)
                .filter(c -> ControlGroups.inControl(c, campaigns.get("camp-books-5"))).findFirst().orElseThrow();
        CustomerProfile nobody = CustomerProfile.empty(control);
        DecisionRequest oneSlot = new DecisionRequest("web", "home", 1, T0 + DAY);

        FunnelResult outranked = greedy.decide(inputs(control, nobody, ContactHistory.EMPTY, tv, garden, books),
                oneSlot, rng);
        FunnelResult wouldWin = greedy.decide(inputs(control, nobody, ContactHistory.EMPTY, books), oneSlot, rng);

        assertThat(outranked.offers()).extracting(RankedOffer::offerId).containsExactly("tv-50");
        assertThat(outranked.heldOut()).as("books would have ranked third of one slot").isEmpty();
        assertThat(wouldWin.heldOut()).containsExactly(new DecisionRecord.ControlHold("camp-books-5", "books-5",
                "books"));
    }

    @Test
    void shouldJudgeEachHoldAgainstTheTreatedOffersOnly() {
        // Held out of two campaigns, the customer treated for one would still not see the other's offer, so
        // the other's offer must not push it out of the slot.
        campaigns.put("camp-books-5", new Campaign("camp-books-5", "Books", 0.9, null, null, null, 1.0, null, null,
                null, null));
        campaigns.put("camp-tv-50", new Campaign("camp-tv-50", "TV", 0.9, null, null, null, 1.0, null, null, null,
                null));
        String both = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "c-" + i)
                .filter(c -> ControlGroups.inControl(c, campaigns.get("camp-books-5"))
                        && ControlGroups.inControl(c, campaigns.get("camp-tv-50"))).findFirst().orElseThrow();

        FunnelResult result = greedy.decide(inputs(both, CustomerProfile.empty(both), ContactHistory.EMPTY, tv, books),
                new DecisionRequest("web", "home", 1, T0 + DAY), rng);

        assertThat(result.offers()).isEmpty();
        assertThat(result.heldOut()).extracting(DecisionRecord.ControlHold::campaignId)
                .containsExactlyInAnyOrder("camp-tv-50", "camp-books-5");
    }

    @Test
    void shouldNotFallBackToAnOfferWhoseCampaignHoldsTheCustomerOut() {
        campaigns.put("house-50", new Campaign("house-50", "House", 0.5, null, null, null, 1.0, null, null, null,
                null));
        String control = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c-" + i)
                .filter(c -> ControlGroups.inControl(c, campaigns.get("house-50"))).findFirst().orElseThrow();
        Offer fallback = new Offer("sorry", "house-50", "Browse our bestsellers", null, null, List.of("web"),
                List.of("home"), 1, 1, null, null, List.of(), null, List.of(), null, null, null, true, null);

        FunnelResult result = greedy.decide(inputs(control, CustomerProfile.empty(control), ContactHistory.EMPTY,
                fallback), web, rng);

        assertThat(result.offers()).isEmpty();
        assertThat(result.heldOut()).as("a fallback is no campaign treatment to hold out").isEmpty();
        assertThat(result.dropped()).singleElement().satisfies(d -> {
            assertThat(d.stage()).isEqualTo(DroppedOffer.Stage.CONTROL_GROUP);
            assertThat(d.reason()).isEqualTo("customer is in the control group of campaign house-50");
        });
    }
}
