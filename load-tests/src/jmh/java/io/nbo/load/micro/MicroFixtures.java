package io.nbo.load.micro;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.profile.ProfileUpdater;
import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.CustomerUpdate;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.offers.Offer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The inputs the micro-benchmarks share: a 12-offer catalogue like the demo one and a typical profile. */
final class MicroFixtures {
    static final long DAY = 24L * 60 * 60 * 1000;
    private static final List<String> CATEGORIES = List.of("outdoor", "books", "electronics", "kitchen");

    private MicroFixtures() {
    }

    static List<Offer> catalogue() {
        List<String> webApp = List.of("web", "app");
        return List.of(
                offer("outdoor-10", "outdoor", List.of("web", "app", "email"), List.of("home", "product"), 25, 1.5),
                offer("books-3for2", "books", List.of("web", "app", "email"), List.of("home", "product"), 12, 1.2),
                offer("garden-spring", "garden", webApp, List.of("home", "product"), 30, 1),
                offer("tv-tradein", "electronics", List.of("web", "app", "call-centre"), List.of("home"), 150, 0.3),
                offer("headphones-bundle", "electronics", webApp, List.of("product", "checkout"), 40, 0.8),
                offer("kitchen-knives", "kitchen", List.of("web", "app", "email"), List.of("home"), 18, 1),
                offer("kids-toys", "toys", List.of("web", "app", "email"), List.of("home"), 22, 1.1),
                offer("loyalty-join", null, List.of("web", "app", "call-centre"), List.of("home", "checkout"), 10,
                        1.3),
                offer("newsletter-email", null, List.of("email"), List.of(), 4, 1),
                offer("cc-warranty", "electronics", List.of("call-centre"), List.of(), 60, 1),
                offer("cc-fashion-stylist", "fashion", List.of("call-centre", "email"), List.of(), 35, 1),
                offer("fashion-winter", "fashion", List.of("web", "app", "email"), List.of("home", "product"), 20,
                        1.2));
    }

    /**
     * A regular customer's profile: 60 clicks over the last ten days across four categories, two purchases,
     * a few offer responses and a consent change, folded in by the same {@link ProfileUpdater} the topology uses.
     */
    static CustomerProfile typicalProfile(long now) {
        ProfileUpdater updater = new ProfileUpdater(ProfileRules.defaults());
        SplittableRandom random = new SplittableRandom(1);
        CustomerProfile profile = null;
        String customer = "lt-42";
        for (int i = 0; i < 60; i++) {
            long at = now - 10 * DAY + i * (10 * DAY / 60);
            String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            String type = i % 5 == 0 ? "add_to_cart" : "product_view";
            profile = updater.apply(profile, new ClickstreamEvent(type, "ev-" + i, customer, null, at, "web",
                    "/p/" + category, category, "p-" + category + "-" + i, null, 20.0, null));
        }
        for (int i = 0; i < 2; i++) {
            profile = updater.apply(profile, new TransactionEvent("purchase", "tx-" + i, customer, null,
                    now - (3 - i) * DAY, "web", "o-" + i, 80.0, "EUR",
                    List.of(new TransactionEvent.Item("p-outdoor-1", "outdoor", 1, 80.0)), null));
        }
        for (String outcome : List.of("impression", "click", "impression")) {
            profile = updater.apply(profile, new OfferResponse("offer_response", "r-" + outcome + random.nextInt(),
                    "d-1", customer, null, "outdoor-10", "winter-outdoor", outcome, now - DAY, "web", null, null));
        }
        return updater.apply(profile, new CustomerUpdate("consent_update", "c-1", customer, null, now - 2 * DAY,
                null, Map.of("marketing", true), null, null));
    }

    private static Offer offer(String id, String category, List<String> channels, List<String> placements,
                               double value, double priority) {
        return new Offer(id, "camp-" + id, "Offer " + id, null, category, channels, placements, value, priority,
                null, null, List.of(), null, List.of(), null, null, null, null, null);
    }
}
