package io.nbo.decisioning.identity;

import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.contact.CampaignExposure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person whom a campaign met twice, once as an anonymous visitor and once as the customer, was counted as two
 * customers of that campaign. At the login the two become one, and the campaign's totals are corrected to match:
 * in one group, one customer with both sides' revenue; in different groups, the person stays in the customer's
 * group and leaves the visitor's, with the revenue counted there, so each group's rates describe one population.
 * Impressions, holds and responses happened and stay counted.
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
            CampaignUpdate none = CampaignUpdate.of(campaignId, null, theirs.control(), at);
            if (mine.control() == theirs.control()) {
                double revenue = mine.revenue() + theirs.revenue();
                exposures.put(campaignId, new CampaignExposure(mine.control(), Math.min(mine.firstAt(), theirs.firstAt()),
                        mine.converted() || theirs.converted(), revenue, mine.crossed() || theirs.crossed()));
                // Revenue per customer's variance sums squares per customer: (a + b)² replaces a² + b².
                corrections.add(new CampaignUpdate(campaignId, null, theirs.control(), -1, 0, 0, 0, 0, 0,
                        mine.converted() && theirs.converted() ? -1 : 0, 0, 2 * mine.revenue() * theirs.revenue(), at,
                        null, false));
            } else {
                corrections.add(new CampaignUpdate(campaignId, null, theirs.control(), -1, 0, 0, 0, 0, 0,
                        theirs.converted() ? -1 : 0, -theirs.revenue(), -theirs.revenue() * theirs.revenue(), at,
                        null, false));
            }
        });
        return new Merged(exposures, corrections);
    }
}
