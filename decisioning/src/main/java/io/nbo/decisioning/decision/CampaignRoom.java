package io.nbo.decisioning.decision;

import io.nbo.decisioning.Decimals;
import io.nbo.decisioning.contact.ContactPolicy;
import io.nbo.schemas.campaigns.Campaign;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each campaign's contact cap and volume cap leave for one answer, used up as its offers are chosen:
 * the contact policy judges each offer alone, so without this an answer of three offers of a campaign capped
 * at one contact would show all three.
 */
final class CampaignRoom {
    private final DecisionInputs in;
    private final long now;
    private final Map<String, Integer> left = new HashMap<>();

    CampaignRoom(DecisionInputs in, long now) {
        this.in = in;
        this.now = now;
    }

    /** Takes one presentation of the campaign; empty when it had room, else why it had none. */
    Optional<String> take(Campaign campaign) {
        int room = left.computeIfAbsent(campaign.campaignId(), id -> initialRoom(campaign));
        if (room > 0) {
            left.put(campaign.campaignId(), room - 1);
            return Optional.empty();
        }
        int contacts = ContactPolicy.campaignAllowance(campaign, in.history(), now);
        if (contacts <= volumeLeft(campaign)) {
            Campaign.Cap cap = campaign.policy().maxPerCampaign();
            return Optional.of("campaign cap reached in this answer: " + campaign.campaignId() + " may be shown "
                    + Decimals.counted(contacts, "more time", "more times") + " in "
                    + ContactPolicy.window(cap.windowMillis()) + " (cap "
                    + cap.count() + "), taken by its higher-ranked offers");
        }
        return Optional.of("campaign volume cap reached in this answer: " + volumeLeft(campaign) + " of "
                + campaign.volumeCap() + " presentations left, taken by its higher-ranked offers");
    }

    private int initialRoom(Campaign campaign) {
        return Math.min(ContactPolicy.campaignAllowance(campaign, in.history(), now), volumeLeft(campaign));
    }

    private int volumeLeft(Campaign campaign) {
        if (campaign.volumeCap() == null) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, campaign.volumeCap()
                - in.presentations(campaign.campaignId())));
    }
}
