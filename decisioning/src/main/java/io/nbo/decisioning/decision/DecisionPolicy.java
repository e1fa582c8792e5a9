package io.nbo.decisioning.decision;

import io.nbo.decisioning.contact.ChannelCap;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.relationship.RelationshipRules;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * How the funnel arbitrates: {@code thompson} ranks by a posterior draw of each propensity (explores in
 * proportion to uncertainty), {@code greedy} by the posterior mean (no exploration). {@code choiceDraws}
 * Monte Carlo draws estimate each candidate's probability of being ranked first, for the decision log.
 * {@code ruleTimeZone}: the clock a rule's hour and weekday read, the business's own, since a lunch offer at noon
 * means noon where the shop is, not in UTC.
 */
public record DecisionPolicy(String name, int choiceDraws, Duration forgettingHalfLife, List<ChannelCap> channelCaps,
                             ProfileRules profileRules, RelationshipRules relationshipRules, ZoneId ruleTimeZone) {
    public static final String THOMPSON = "thompson";
    public static final String GREEDY = "greedy";

    public DecisionPolicy {
        if (!THOMPSON.equals(name) && !GREEDY.equals(name)) {
            throw new IllegalArgumentException("policy must be thompson or greedy, got " + name);
        }
        if (choiceDraws < 1 || choiceDraws > 10_000) {
            throw new IllegalArgumentException("choiceDraws must be between 1 and 10000");
        }
        channelCaps = List.copyOf(channelCaps);
        ruleTimeZone = ruleTimeZone == null ? ZoneOffset.UTC : ruleTimeZone;
    }

    public static DecisionPolicy defaults() {
        return new DecisionPolicy(THOMPSON, 100, Duration.ofDays(14), List.of(), ProfileRules.defaults(),
                RelationshipRules.defaults(), ZoneOffset.UTC);
    }

    public boolean explores() {
        return THOMPSON.equals(name);
    }
}
