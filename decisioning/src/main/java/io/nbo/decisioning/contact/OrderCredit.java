package io.nbo.decisioning.contact;

/**
 * What a presentation's conversion by an order brings its campaign, so a refund of that order takes back what the
 * conversion added, from where it was added: the order, the value still standing after refunds, and whether it was
 * counted outside the campaign's groups (for the offer's totals only).
 */
public record OrderCredit(String orderId, double revenue, boolean countedOutside) {
    OrderCredit withRevenue(double left) {
        return new OrderCredit(orderId, left, countedOutside);
    }
}
