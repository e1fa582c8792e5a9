package io.nbo.decisioning;

import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.decision.FunnelResult;
import io.nbo.decisioning.decision.RankedOffer;
import io.nbo.decisioning.profile.CustomerProfile;
import org.junit.jupiter.api.Test;

/** Screens show an offer's first reason alone: it says what speaks for the offer, not what does not. */
class ReasonOrderTest extends FunnelFixture {
    @Test
    void shouldLeadWithInterestWhereItSpeaksForTheOfferAndLeaveItLastWhereItDoesNot() {
        CustomerProfile reader = updater.apply(updater.apply(null, Events.view("c1", "books", T0)),
                Events.cart("c1", "books", T0));

        FunnelResult result = greedy.decide(inputs("c1", reader, ContactHistory.EMPTY, books, tv), web, rng);

        RankedOffer forBooks = result.offers().stream().filter(o -> o.offerId().equals("books-5")).findFirst()
                .orElseThrow();
        RankedOffer forTv = result.offers().stream().filter(o -> o.offerId().equals("tv-50")).findFirst()
                .orElseThrow();
        assertThat(forBooks.reasons().get(0)).startsWith("Interest in books is ");
        assertThat(forTv.reasons().get(0)).startsWith("Propensity ");
        assertThat(forTv.reasons()).last().asString().isEqualTo("No recent interest in tv");
        assertThat(greedy.decide(newcomer(tv), web, rng).offers().get(0).reasons().get(0))
                .as("a newcomer's offers are told apart by nothing else").startsWith("No interests known yet");
    }
}
