package io.nbo.decisioning.contact;

import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.offers.Offer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The items of one purchase that match the offers a campaign presented (or held out) to the customer in the
 * attribution window, and what they are worth: each item once, at its unit price times its quantity, all of them
 * (a basket of two of the campaign's offers' goods is worth both, whichever offer ranked first), and never more
 * than the purchase's amount.
 */
record CampaignMatch(double value, List<OrderCredit.CreditedItem> items) {

    /** Whether {@code item} is of the presented offer's category (as it is now, or was when shown) or products. */
    static boolean matches(TransactionEvent.Item item, Presentation presentation, Offer offer) {
        String category = offer != null && offer.category() != null ? offer.category() : presentation.category();
        return (category != null && category.equals(item.category()))
                || (offer != null && offer.productIds().contains(item.productId()));
    }

    /** What {@code purchase} holds of the {@code presented} offers; null when nothing. */
    static CampaignMatch of(TransactionEvent purchase, List<Presentation> presented, Function<String, Offer> catalogue) {
        double value = 0;
        boolean priced = true;
        List<OrderCredit.CreditedItem> matched = new ArrayList<>();
        for (TransactionEvent.Item item : purchase.items()) {
            if (presented.stream().noneMatch(p -> matches(item, p, catalogue.apply(p.offerId())))) {
                continue;
            }
            int quantity = item.quantity() == null ? 1 : item.quantity();
            matched.add(new OrderCredit.CreditedItem(item.productId(), quantity, item.price()));
            if (item.price() == null) {
                priced = false;
            } else {
                value += item.price() * quantity;
            }
        }
        if (matched.isEmpty()) {
            return null;
        }
        // Unpriced lines: the purchase's amount. Lines worth more than was paid: what was paid.
        double paid = purchase.amount();
        return new CampaignMatch(!priced ? paid : paid > 0 ? Math.min(value, paid) : value, matched);
    }
}
