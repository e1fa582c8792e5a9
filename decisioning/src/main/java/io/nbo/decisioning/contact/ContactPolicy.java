package io.nbo.decisioning.contact;

import io.nbo.decisioning.Decimals;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.offers.Offer;
import java.util.Collection;
import java.util.Optional;

/**
 * Contact rules per customer: caps per offer and per campaign over windows, suppression after declines or
 * ignores in a row, the cool-down after an accept, and caps per channel. Exact for whatever history it is
 * given; callers merge in decisions still in flight. A control customer's holds count as the presentations they
 * stand for in every cap, channel caps included (or control would be held out on a channel treatment is capped
 * on); the rules that follow a response (suppression, cool-down) count what was shown and answered.
 */
public final class ContactPolicy {
    private ContactPolicy() {
    }

    public static Optional<String> refusal(Offer offer, Campaign campaign, ContactHistory history, long now) {
        Campaign.ContactPolicy policy = campaign.policy();
        if (policy.maxPerOffer() != null) {
            Campaign.Cap cap = policy.maxPerOffer();
            java.util.function.Predicate<Presentation> ofOffer = p -> p.offerId().equals(offer.offerId());
            long exposed = history.exposedSince(now - cap.windowMillis(), ofOffer);
            if (exposed >= cap.count()) {
                return Optional.of("offer cap reached: " + exposures(history, now - cap.windowMillis(), ofOffer)
                        + " in " + window(cap.windowMillis()) + " (cap " + cap.count() + ")");
            }
        }
        if (policy.maxPerCampaign() != null) {
            Campaign.Cap cap = policy.maxPerCampaign();
            java.util.function.Predicate<Presentation> ofCampaign = p -> p.campaignId().equals(campaign.campaignId());
            long exposed = history.exposedSince(now - cap.windowMillis(), ofCampaign);
            if (exposed >= cap.count()) {
                return Optional.of("campaign cap reached: " + campaign.campaignId() + " "
                        + exposures(history, now - cap.windowMillis(), ofCampaign) + " in "
                        + window(cap.windowMillis()) + " (cap " + cap.count() + ")");
            }
        }
        OfferContact contact = history.offer(offer.offerId());
        Campaign.Suppression declines = policy.suppressAfterDeclines();
        if (declines != null && contact.declinesInRow() >= declines.count() && contact.lastDeclineAt() != null
                && now < contact.lastDeclineAt() + declines.durationMillis()) {
            return Optional.of("suppressed after " + Decimals.counted(contact.declinesInRow(), "decline", "declines")
                    + " in a row, for " + Decimals.span(declines.days(), "day", "days"));
        }
        Campaign.Suppression ignores = policy.suppressAfterIgnores();
        if (ignores != null && contact.ignoresInRow() >= ignores.count() && contact.lastIgnoreAt() != null
                && now < contact.lastIgnoreAt() + ignores.durationMillis()) {
            return Optional.of("suppressed after " + Decimals.counted(contact.ignoresInRow(), "ignored presentation",
                    "ignored presentations") + " in a row, for " + Decimals.span(ignores.days(), "day", "days"));
        }
        if (policy.cooldownAfterAcceptHours() != null && contact.lastAcceptAt() != null
                && now < contact.lastAcceptAt() + (long) (policy.cooldownAfterAcceptHours() * 3_600_000L)) {
            // A convert response, or a purchase of what a showing or a hold offered, starts it as an accept does: the
            // customer has taken the offer either way.
            return Optional.of("cooling down after an accept, a convert response or a purchase of what it offers,"
                    + " for " + Decimals.span(policy.cooldownAfterAcceptHours(), "hour", "hours"));
        }
        return Optional.empty();
    }

    /**
     * How many more of the campaign's offers its contact cap lets this customer be shown now (Integer.MAX_VALUE
     * when uncapped): {@link #refusal} judges each offer alone, and an answer of several offers must not show
     * more of one campaign than this.
     */
    public static int campaignAllowance(Campaign campaign, ContactHistory history, long now) {
        Campaign.Cap cap = campaign.policy().maxPerCampaign();
        if (cap == null) {
            return Integer.MAX_VALUE;
        }
        long exposed = history.exposedSince(now - cap.windowMillis(),
                p -> p.campaignId().equals(campaign.campaignId()));
        return (int) Math.max(0, cap.count() - exposed);
    }

    /** How many more presentations the channel allows this customer now (Integer.MAX_VALUE when uncapped). */
    public static int channelAllowance(String channel, Collection<ChannelCap> caps, ContactHistory history, long now) {
        int allowance = Integer.MAX_VALUE;
        for (ChannelCap cap : caps) {
            if (cap.channel().equals(channel)) {
                long exposed = history.exposedSince(now - cap.windowMillis(), p -> channel.equals(p.channel()));
                allowance = (int) Math.min(allowance, Math.max(0, cap.count() - exposed));
            }
        }
        return allowance;
    }

    /** Why the channel's caps allow nothing more now, naming the cap that is full (empty when one more is allowed). */
    public static Optional<String> channelCapReached(String channel, Collection<ChannelCap> caps, ContactHistory history,
            long now) {
        for (ChannelCap cap : caps) {
            if (cap.channel().equals(channel)) {
                java.util.function.Predicate<Presentation> onChannel = p -> channel.equals(p.channel());
                if (history.exposedSince(now - cap.windowMillis(), onChannel) >= cap.count()) {
                    return Optional.of("channel cap reached for " + channel + ": "
                            + exposures(history, now - cap.windowMillis(), onChannel) + " in "
                            + window(cap.windowMillis()) + " (cap " + cap.count() + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** "shown 2 times", or for a control customer "held out 1 time": words for what a cap counted. */
    private static String exposures(ContactHistory history, long since,
                                    java.util.function.Predicate<Presentation> which) {
        long shown = history.presentedSince(since, which);
        long held = history.exposedSince(since, which) - shown;
        String words = shown > 0 || held == 0 ? "shown " + Decimals.counted(shown, "time", "times") : "";
        return held == 0 ? words : (words.isEmpty() ? "" : words + " and ") + "held out "
                + Decimals.counted(held, "time", "times");
    }

    /** A cap's window as written in reasons: "24h", "90min", or seconds for windows shorter than a minute. */
    public static String window(long millis) {
        if (millis % 3_600_000L == 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0) {
            return millis / 60_000L + "min";
        }
        return millis >= 60_000L ? tenths(millis / 60_000.0) + "min" : tenths(millis / 1_000.0) + "s";
    }

    private static String tenths(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
