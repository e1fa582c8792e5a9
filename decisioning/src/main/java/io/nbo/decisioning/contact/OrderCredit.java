package io.nbo.decisioning.contact;

import io.nbo.schemas.events.TransactionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversion by an order, kept with the customer's standing in its campaign (not with the presentation, which
 * older showings push out of the history long before goods come back), so that a refund of that order takes back
 * what the conversion added and no more: the presentation it converted ({@code decisionId}, {@code offerId},
 * {@code held} for a hold), when ({@code at}), the value still standing ({@code revenue}), the conversion's share
 * of the order's amount (for a refund listing no items) and the credited lines not refunded yet, each at the unit
 * value it was credited with (so an item comes back once, and only an item the conversion counted).
 */
public record OrderCredit(String orderId, String decisionId, String offerId, boolean held, long at, double revenue,
                          double orderShare, List<CreditedItem> items) {
    /** Less than this left of a conversion's value: a refund took all of it. */
    static final double NEGLIGIBLE = 0.005;

    public OrderCredit {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** One credited line of the order: a product, how many of it are still credited, and the value of each. */
    public record CreditedItem(String productId, int quantity, double unitValue) {
        CreditedItem less(int given) {
            return new CreditedItem(productId, quantity - given, unitValue);
        }
    }

    /** What a refund takes back ({@code value}) and the credit it leaves ({@code left}, null when none). */
    record Refunded(double value, OrderCredit left) {
    }

    /** What {@code refund} of this order takes back; null when it gives back nothing this conversion counted. */
    Refunded refunded(TransactionEvent refund) {
        if (refund.items().isEmpty()) {
            // Which lines were given back is not said: the conversion loses its share of the amount.
            return after(Math.min(revenue, refund.amount() * orderShare), items);
        }
        List<CreditedItem> left = new ArrayList<>(items);
        double value = 0;
        boolean matched = false;
        for (TransactionEvent.Item item : refund.items()) {
            int wanted = item.quantity() == null ? 1 : item.quantity();
            for (int i = 0; i < left.size() && wanted > 0; i++) {
                CreditedItem credited = left.get(i);
                if (!credited.productId().equals(item.productId()) || credited.quantity() == 0) {
                    continue;
                }
                int given = Math.min(wanted, credited.quantity());
                double unit = item.price() == null ? credited.unitValue()
                        : Math.min(item.price(), credited.unitValue());
                matched = true;
                wanted -= given;
                value += unit * given;
                left.set(i, credited.less(given));
                if (unit < credited.unitValue()) {
                    // Part of the price given back (an adjustment, not a return): those units stay, worth the rest.
                    left.add(i + 1, new CreditedItem(credited.productId(), given, credited.unitValue() - unit));
                    i++;
                }
            }
        }
        if (!matched) {
            return null;
        }
        left.removeIf(credited -> credited.quantity() == 0);
        return after(Math.min(revenue, value), left);
    }

    /**
     * Undone when every credited line came back, or (for a conversion worth something) its value did; a refund that
     * takes nothing from a conversion still standing changes nothing.
     */
    private Refunded after(double taken, List<CreditedItem> itemsLeft) {
        boolean whole = (!items.isEmpty() && itemsLeft.isEmpty()) || (revenue > 0 && revenue - taken < NEGLIGIBLE);
        if (whole) {
            return new Refunded(revenue, null);
        }
        if (taken <= 0 && itemsLeft.equals(items)) {
            return null;
        }
        return new Refunded(taken, new OrderCredit(orderId, decisionId, offerId, held, at, revenue - taken,
                orderShare, itemsLeft));
    }
}
