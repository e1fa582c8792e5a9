package io.nbo.decisioning.contact;

import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.offers.Offer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The items of one purchase that match the offers a campaign presented (or held out) to the customer in the
 * attribution window, and what they are worth: each item once, at its unit price times its quantity, all of them
 * (a basket of two of the campaign's offers' goods is worth both, whichever offer ranked first), each for its
 * part of what was paid when the lines add up to more than the purchase's amount (a discount shared by the whole
 * order). Lines without a price share what the amount leaves after the priced lines. Each credited line keeps the
 * unit value it was credited with, so a refund takes back what was counted.
 */
record CampaignMatch(double value, List<OrderCredit.CreditedItem> items) {

    /**
     * Whether {@code item} is of the category the offer had when shown (or, for a showing that recorded none, has
     * now) or one of the offer's products now.
     */
    static boolean matches(TransactionEvent.Item item, Presentation presentation, Offer offer) {
        String category = presentation.category() != null ? presentation.category()
                : offer != null ? offer.category() : null;
        return (category != null && category.equals(item.category()))
                || (offer != null && offer.productIds().contains(item.productId()));
    }

    /** What {@code purchase} holds of the {@code presented} offers (each with its offer now); null when nothing. */
    static CampaignMatch of(TransactionEvent purchase, Map<Presentation, Offer> presented) {
        double pricedTotal = 0;
        int unpricedUnits = 0;
        for (TransactionEvent.Item item : purchase.items()) {
            if (item.price() == null) {
                unpricedUnits += quantity(item);
            } else {
                pricedTotal += item.price() * quantity(item);
            }
        }
        // Priced lines worth more than was paid (a discount on the order) each count for their part of what was paid;
        // unpriced lines share what the amount leaves after the priced ones.
        double paid = purchase.amount();
        double paidShare = pricedTotal > paid ? (pricedTotal > 0 ? paid / pricedTotal : 0) : 1;
        double unpricedUnitValue = unpricedUnits == 0 ? 0 : Math.max(0, paid - pricedTotal) / unpricedUnits;
        List<OrderCredit.CreditedItem> matched = new ArrayList<>();
        double value = 0;
        for (TransactionEvent.Item item : purchase.items()) {
            if (presented.entrySet().stream().anyMatch(p -> matches(item, p.getKey(), p.getValue()))) {
                double unit = item.price() == null ? unpricedUnitValue : item.price() * paidShare;
                matched.add(new OrderCredit.CreditedItem(item.productId(), quantity(item), unit));
                value += unit * quantity(item);
            }
        }
        return matched.isEmpty() ? null : new CampaignMatch(Math.min(value, paid), matched);
    }

    private static int quantity(TransactionEvent.Item item) {
        return item.quantity() == null ? 1 : item.quantity();
    }
}
