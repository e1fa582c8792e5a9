package io.nbo.decisioning.identity;

import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.contact.CampaignExposure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person whom a campaign met twice, once as an anonymous visitor and once as the customer, was counted as two
 * customers of that campaign. At the login the two become one, and the groups' customer counts, converting
 * customers and revenue sums are corrected so that each group's rates describe one population:
 * <ul>
 * <li>both in one group: one customer there, with both ids' revenue;</li>
 * <li>a visitor held out, a customer treated: the person was treated, and stays in treatment only; the visitor's
 * converting and revenue leave control with it;</li>
 * <li>a visitor treated, a customer held out: the person saw the offers, so control no longer describes them;
 * they leave both groups, and count from then on for the offers' totals only, like a control customer treated
 * once a hold-out ended.</li>
 * </ul>
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
            if (mine.control() == theirs.control()) {
                exposures.put(campaignId, new CampaignExposure(mine.control(), Math.min(mine.firstAt(), theirs.firstAt()),
                        mine.converted() || theirs.converted(), mine.revenue() + theirs.revenue(),
                        mine.crossed() || theirs.crossed()));
                // The variance of revenue per customer sums squares per customer: (a + b)² replaces a² + b².
                corrections.add(CampaignUpdate.customerRemoved(campaignId, mine.control(),
                        mine.converted() && theirs.converted(), 0, 2 * mine.revenue() * theirs.revenue(), at));
                return;
            }
            corrections.add(leaving(campaignId, theirs, at));
            if (mine.control()) {
                corrections.add(leaving(campaignId, mine, at));
                exposures.put(campaignId, new CampaignExposure(true, mine.firstAt(), mine.converted(), mine.revenue(),
                        true));
            }
        });
        return new Merged(exposures, corrections);
    }

    private static CampaignUpdate leaving(String campaignId, CampaignExposure exposure, long at) {
        return CampaignUpdate.customerRemoved(campaignId, exposure.control(), exposure.converted(), -exposure.revenue(),
                -exposure.revenue() * exposure.revenue(), at);
    }
}
