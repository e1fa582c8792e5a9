package io.nbo.decisioning.identity;

import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.contact.CampaignExposure;
import io.nbo.decisioning.contact.OrderCredit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person whom a campaign met twice, once as an anonymous visitor and once as the customer, was counted as two
 * customers of that campaign: each exposure a history holds is one customer counted in its group, with its
 * conversion and revenue. At the login the two become one exposure, so one of the two counted customers goes:
 * <ul>
 * <li>both in one group: one customer there, with both ids' revenue;</li>
 * <li>in different groups: the customer's group keeps the person, and the visitor's loses its customer, with
 * its converting and revenue (and its conversions' credits: a refund of them has nothing left to take back). A
 * held-out customer whose visitor saw the offers stays in control, their impressions and responses from then on
 * counting for the offers' totals only and their conversions for control, like a control customer treated once
 * a hold-out ended.</li>
 * </ul>
 * Because every merge takes away exactly the one counted customer the visitor's exposure was (also from the
 * breakdown by segment, under the entries it was counted under), chained and repeated logins never take a customer
 * away twice. Impressions, holds and responses happened and stay counted.
 */
public final class ExposureMerger {
    private ExposureMerger() {
    }

    /** The customer's exposures after the merge, and the corrections to send to the campaigns' totals. */
    public record Merged(Map<String, CampaignExposure> exposures, List<CampaignUpdate> corrections) {
    }

    public static Merged merge(Map<String, CampaignExposure> customer, Map<String, CampaignExposure> visitor, long at) {
        Map<String, CampaignExposure> exposures = new HashMap<>(visitor);
        exposures.putAll(customer);
        List<CampaignUpdate> corrections = new ArrayList<>();
        visitor.forEach((campaignId, theirs) -> {
            CampaignExposure mine = customer.get(campaignId);
            if (mine == null) {
                return;
            }
            if (mine.control() == theirs.control()) {
                List<OrderCredit> credits = new ArrayList<>(theirs.credits());
                credits.addAll(mine.credits());
                exposures.put(campaignId, new CampaignExposure(mine.control(),
                        Math.min(mine.firstAt(), theirs.firstAt()),
                        mine.converted() || theirs.converted(), mine.revenue() + theirs.revenue(),
                        mine.crossed() || theirs.crossed(), mine.segments(), credits));
                // The variance of revenue per customer sums squares per customer: (a + b)² replaces a² + b².
                corrections.add(CampaignUpdate.customerRemoved(campaignId, mine.control(),
                        mine.converted() && theirs.converted(), 0, 2 * mine.revenue() * theirs.revenue(),
                        theirs.segments(), at));
                return;
            }
            corrections.add(CampaignUpdate.customerRemoved(campaignId, theirs.control(), theirs.converted(),
                    -theirs.revenue(), -theirs.revenue() * theirs.revenue(), theirs.segments(), at));
            if (mine.control() && !mine.crossed()) {
                exposures.put(campaignId, new CampaignExposure(true, mine.firstAt(), mine.converted(), mine.revenue(),
                        true, mine.segments(), mine.credits()));
            }
        });
        return new Merged(exposures, corrections);
    }
}
