package io.nbo.decisioning.contact;

import io.nbo.schemas.events.TransactionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What a presentation's conversion by an order brings its campaign, kept so that a refund of that order takes back
 * what the conversion added, no more, from the group it was counted in: the order, the value still standing, the
 * group ({@code control}), the conversion's share of the order's amount (for a refund listing no items) and the
 * credited items not refunded yet (so an item is taken back once, and only an item the conversion counted).
 */
public record OrderCredit(String orderId, double revenue, boolean control, double orderShare,
                          List<CreditedItem> items) {
    /** Less than half a cent left: a refund took all of it. */
    static final double HALF_A_CENT = 0.005;

    public OrderCredit {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** One credited line of the order: a product, how many of it are still credited, and its unit price if given. */
    public record CreditedItem(String productId, int quantity, Double price) {
        CreditedItem less(int given) {
            return new CreditedItem(productId, quantity - given, price);
        }
    }

    /** What a refund takes back ({@code value}) and the credit it leaves ({@code left}, null when none). */
    record Refunded(double value, OrderCredit left) {
    }

    /** What {@code refund} of this order takes back; null when it names nothing this conversion counted. */
    Refunded refunded(TransactionEvent refund) {
        if (refund.items().isEmpty()) {
            // Which lines were given back is not said: the conversion loses its share of the amount.
            return after(Math.min(revenue, refund.amount() * orderShare), items);
        }
        List<CreditedItem> left = new ArrayList<>(items);
        double value = 0;
        boolean matched = false;
        boolean amountTaken = false;
        for (TransactionEvent.Item item : refund.items()) {
            int wanted = item.quantity() == null ? 1 : item.quantity();
            for (int i = 0; i < left.size() && wanted > 0; i++) {
                CreditedItem credited = left.get(i);
                if (!credited.productId().equals(item.productId()) || credited.quantity() == 0) {
                    continue;
                }
                int given = Math.min(wanted, credited.quantity());
                matched = true;
                wanted -= given;
                if (credited.price() == null) {
                    // Unpriced when bought, the purchase's amount was credited: this refund's line, or its amount.
                    value += item.price() != null ? item.price() * given : amountTaken ? 0 : refund.amount();
                    amountTaken |= item.price() == null;
                    left.set(i, credited.less(given));
                    continue;
                }
                double unit = item.price() == null ? credited.price() : Math.min(item.price(), credited.price());
                value += unit * given;
                left.set(i, credited.less(given));
                if (unit < credited.price()) {
                    // Part of the price given back (an adjustment, not a return): those units stay, worth the rest.
                    left.add(i + 1, new CreditedItem(credited.productId(), given, credited.price() - unit));
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

    private Refunded after(double taken, List<CreditedItem> itemsLeft) {
        boolean whole = revenue - taken < HALF_A_CENT || (!items.isEmpty() && itemsLeft.isEmpty());
        return new Refunded(whole ? revenue : taken,
                whole ? null : new OrderCredit(orderId, revenue - taken, control, orderShare, itemsLeft));
    }
}
