package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.identity.ProfileMerger;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.profile.ProfileUpdater;
import io.nbo.decisioning.profile.Rfm;
import io.nbo.decisioning.relationship.RelationshipAssessor;
import io.nbo.decisioning.relationship.RelationshipMeasures;
import io.nbo.decisioning.relationship.RelationshipRules;
import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.FeedbackEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelationshipAssessorTest {
    private final ProfileUpdater updater = new ProfileUpdater(ProfileRules.defaults());
    private final RelationshipAssessor assessor = new RelationshipAssessor(RelationshipRules.defaults());

    private CustomerProfile fold(CustomerEvent... events) {
        CustomerProfile profile = null;
        for (CustomerEvent event : events) {
            profile = updater.apply(profile, event);
        }
        return profile;
    }

    private static FeedbackEvent feedback(String type, Integer nps, Integer rating, String text, long at) {
        return new FeedbackEvent(type, type + at, "c1", null, at, "web", nps, rating, text, null,
                type.equals("vote") ? "idea-1" : null, type.equals("vote") ? 1 : null, null);
    }

    private static ClickstreamEvent call(long at) {
        return new ClickstreamEvent("page_view", "call" + at, "c1", null, at, "call-centre", "/support", null, null,
                null, null, null);
    }

    /** {@code count} purchases of {@code amount}, {@code everyDays} apart, from T0. */
    private static CustomerEvent[] purchases(int count, double amount, int everyDays) {
        CustomerEvent[] events = new CustomerEvent[count];
        for (int i = 0; i < count; i++) {
            events[i] = Events.purchase("c1", amount, "a", T0 + i * everyDays * DAY);
        }
        return events;
    }

    private RelationshipMeasures at(CustomerProfile profile, long now) {
        return assessor.assess(profile, null, now);
    }

    @Test
    void shouldPlaceCustomersInTheFourValueAndNeedQuadrants() {
        CustomerProfile lowLow = fold(Events.purchase("c1", 20, "a", T0));
        CustomerProfile highLow = fold(Events.purchase("c1", 900, "a", T0));
        CustomerProfile lowHigh = fold(Events.purchase("c1", 20, "a", T0), call(T0 + 1), call(T0 + 2),
                Events.refund("c1", 5, "a", T0 + 3));
        CustomerProfile highHigh = fold(Events.purchase("c1", 900, "a", T0), call(T0 + 1), Events.complaint("c1", T0 + 2),
                Events.refund("c1", 5, "a", T0 + 3));

        assertThat(at(lowLow, T0 + DAY).quadrant()).isEqualTo("low value / low need");
        assertThat(at(highLow, T0 + DAY).quadrant()).isEqualTo("high value / low need");
        assertThat(at(lowHigh, T0 + DAY).quadrant()).isEqualTo("low value / high need");
        assertThat(at(highHigh, T0 + DAY).quadrant()).isEqualTo("high value / high need");
    }

    @Test
    void shouldRaiseTheRelationshipLevelWithWhatTheCustomerDoes() {
        CustomerProfile buyer = fold(Events.purchase("c1", 20, "a", T0));
        CustomerProfile selfService = fold(Events.purchase("c1", 20, "a", T0), Events.view("c1", "a", T0 + 1),
                Events.view("c1", "a", T0 + 2), Events.view("c1", "a", T0 + 3));
        CustomerProfile resolved = fold(Events.complaint("c1", T0), feedback("rating", null, 5, null, T0 + DAY));
        CustomerProfile recognised = fold(Events.attributes("c1", Map.of("loyaltyTier", "gold"), T0));
        CustomerProfile reviewer = fold(feedback("rating", null, 4, "Great tent", T0));
        CustomerProfile coCreator = fold(feedback("idea", null, null, "Rent tents", T0));

        assertThat(at(buyer, T0).level()).isEqualTo(1);
        assertThat(at(selfService, T0).level()).isEqualTo(2);
        assertThat(at(resolved, T0 + DAY).level()).isEqualTo(3);
        assertThat(at(recognised, T0).levelName()).isEqualTo("personal recognition");
        assertThat(at(reviewer, T0).level()).isEqualTo(5);
        assertThat(at(coCreator, T0).levelName()).isEqualTo("co-creation");
    }

    @Test
    void shouldMoveThroughTheLifecycleStages() {
        CustomerProfile browser = fold(Events.view("c1", "a", T0));
        CustomerProfile buyer = fold(Events.purchase("c1", 20, "a", T0));
        CustomerProfile loyal = fold(purchases(6, 20, 7));
        long lastPurchase = T0 + 35 * DAY;

        assertThat(at(browser, T0 + DAY).stage()).isEqualTo("contact");
        assertThat(at(buyer, T0 + DAY).stage()).isEqualTo("involvement");
        assertThat(at(loyal, lastPurchase + DAY).stage()).isEqualTo("intimacy");
        assertThat(at(loyal, lastPurchase + 61 * DAY).stage()).as("silent for over twice their rhythm")
                .isEqualTo("deterioration");
        assertThat(at(loyal, lastPurchase + 200 * DAY).stage()).isEqualTo("dissolution");
    }

    @Test
    void shouldCountABuyerEveryWeekAsLapsedFromTheSixtyFirstSilentDay() {
        CustomerProfile weekly = fold(purchases(3, 20, 7));
        long lastPurchase = T0 + 14 * DAY;

        assertThat(at(weekly, lastPurchase + 60 * DAY + DAY - 1).stage()).as("60 whole days").isEqualTo("involvement");
        assertThat(at(weekly, lastPurchase + 61 * DAY).stage()).isEqualTo("deterioration");
    }

    @Test
    void shouldOfferRecoveryToALapsedRegularUntilOneIsAccepted() {
        CustomerProfile lapsed = fold(purchases(3, 20, 7));
        long now = T0 + 100 * DAY;

        assertThat(at(lapsed, now).needsRecovery()).isTrue();
        assertThat(at(lapsed, now).openIssueCause()).isEqualTo("lapsed purchases");
        assertThat(at(lapsed, now).stage()).isEqualTo("deterioration");
        RelationshipMeasures won = assessor.assess(lapsed, now + DAY, now + 2 * DAY);
        assertThat(won.needsRecovery()).isFalse();
        assertThat(won.stage()).isEqualTo("repair");
    }

    @Test
    void shouldOpenTheLapseAgainWhenItsRepairRunsOutWithoutAPurchase() {
        CustomerProfile lapsed = fold(purchases(3, 20, 7));
        long lapsedAt = T0 + 14 * DAY + 60 * DAY;
        CustomerProfile praised = updater.apply(lapsed, Events.nps("c1", 10, lapsedAt + 5 * DAY));

        assertThat(at(praised, lapsedAt + 20 * DAY).stage()).isEqualTo("repair");
        RelationshipMeasures after = at(praised, lapsedAt + 5 * DAY + 31 * DAY);
        assertThat(after.stage()).isEqualTo("deterioration");
        assertThat(after.needsRecovery()).as("deterioration with an issue a recovery action can answer").isTrue();
        assertThat(after.openIssueCause()).isEqualTo("lapsed purchases");
        assertThat(after.openIssueSince()).isEqualTo(lapsedAt + 5 * DAY + 31 * DAY);
        assertThat(after.openIssues()).singleElement().satisfies(issue -> assertThat(issue.since())
                .isEqualTo(lapsedAt + 36 * DAY));
        RelationshipMeasures won = assessor.assess(praised, lapsedAt + 40 * DAY, lapsedAt + 41 * DAY);
        assertThat(won.stage()).as("a recovery accepted then starts another repair").isEqualTo("repair");
        assertThat(won.needsRecovery()).isFalse();
        RelationshipMeasures recoveredEarly = assessor.assess(lapsed, T0 + 20 * DAY, lapsedAt + 10 * DAY);
        assertThat(recoveredEarly.openIssueCause()).as("a recovery accepted before the lapse does not answer it")
                .isEqualTo("lapsed purchases");
    }

    @Test
    void shouldOpenAnIssueOnAPoorRating() {
        CustomerProfile poor = fold(Events.purchase("c1", 20, "a", T0),
                feedback("rating", null, 1, "Terrible, never again", T0 + DAY));
        CustomerProfile middling = fold(Events.purchase("c1", 20, "a", T0), feedback("rating", null, 3, null, T0 + DAY));

        assertThat(at(poor, T0 + 2 * DAY).openIssueCause()).isEqualTo("detractor score");
        assertThat(at(poor, T0 + 2 * DAY).stage()).isEqualTo("deterioration");
        assertThat(at(middling, T0 + 2 * DAY).needsRecovery()).isFalse();
        assertThat(poor.feedback().reviews()).as("a scathing review is an issue, not engagement").isZero();
        assertThat(at(poor, T0 + 2 * DAY).level()).as("not self-expression").isLessThan(5);
        CustomerProfile poorRepeatBuyer = updater.apply(updater.apply(poor, Events.purchase("c1", 20, "a", T0 + DAY)),
                feedback("rating", null, 3, "Fine, nothing special", T0 + 2 * DAY));
        assertThat(poorRepeatBuyer.feedback().reviews()).as("a middling one with words is a review").isEqualTo(1);
        assertThat(at(poorRepeatBuyer, T0 + 3 * DAY).loyalty()).isEqualTo("active");
        assertThat(at(updater.apply(poor, Events.purchase("c1", 20, "a", T0 + DAY)), T0 + 3 * DAY).loyalty())
                .isEqualTo("passive");
        CustomerProfile answered = updater.apply(poor, feedback("rating", null, 5, null, T0 + 2 * DAY));
        assertThat(at(answered, T0 + 3 * DAY).stage()).isEqualTo("repair");
    }

    @Test
    void shouldKeepAnIssueOpenWhenPraiseCameAtTheSameMoment() {
        CustomerProfile tied = fold(Events.purchase("c1", 20, "a", T0), Events.nps("c1", 10, T0 + DAY),
                Events.complaint("c1", T0 + DAY));
        CustomerProfile tiedOtherWay = fold(Events.purchase("c1", 20, "a", T0), Events.complaint("c1", T0 + DAY),
                Events.nps("c1", 10, T0 + DAY));

        assertThat(at(tied, T0 + 2 * DAY).openIssueCause()).as("in doubt, still open").isEqualTo("complaint");
        assertThat(at(tiedOtherWay, T0 + 2 * DAY).openIssueCause()).isEqualTo("complaint");
        assertThat(at(tied, T0 + 2 * DAY).stage()).isEqualTo("deterioration");
    }

    @Test
    void shouldOpenAnIssueOnAComplaintOrDetractorAndRepairItWithRecovery() {
        CustomerProfile upset = fold(Events.purchase("c1", 20, "a", T0), Events.nps("c1", 3, T0 + DAY));

        RelationshipMeasures open = at(upset, T0 + 2 * DAY);
        RelationshipMeasures recovered = assessor.assess(upset, T0 + 3 * DAY, T0 + 4 * DAY);
        RelationshipMeasures later = assessor.assess(upset, T0 + 3 * DAY, T0 + 40 * DAY);

        assertThat(open.needsRecovery()).isTrue();
        assertThat(open.openIssueSince()).isEqualTo(T0 + DAY);
        assertThat(open.openIssueCause()).isEqualTo("detractor score");
        assertThat(at(fold(Events.purchase("c1", 20, "a", T0), Events.complaint("c1", T0 + DAY)), T0 + 2 * DAY)
                .openIssueCause()).isEqualTo("complaint");
        assertThat(recovered.openIssueCause()).isNull();
        assertThat(open.stage()).isEqualTo("deterioration");
        assertThat(recovered.needsRecovery()).isFalse();
        assertThat(recovered.stage()).isEqualTo("repair");
        assertThat(later.stage()).isEqualTo("involvement");
        CustomerProfile praised = updater.apply(upset, Events.nps("c1", 10, T0 + 2 * DAY));
        assertThat(at(praised, T0 + 3 * DAY).needsRecovery()).as("a promoter score closes the issue").isFalse();
    }

    @Test
    void shouldKeepAComplaintOpenWhenADetractorScoreFollowsIt() {
        CustomerProfile upset = fold(Events.purchase("c1", 20, "a", T0), Events.complaint("c1", T0 + DAY),
                Events.nps("c1", 2, T0 + DAY + 9_000));

        RelationshipMeasures open = at(upset, T0 + 2 * DAY);
        assertThat(open.openIssueCause()).as("the latest").isEqualTo("detractor score");
        assertThat(open.explanations()).last().asString().as("both, to the minute")
                .matches("Open issue: complaint since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, detractor score since .* UTC:"
                        + " service recovery first");
        assertThat(open.explanations()).as("the stage counts from each, not the latest alone")
                .contains("Stage deterioration: open issues: complaint for 1 day, detractor score for 23 hours");
        assertThat(at(upset, T0 + DAY + 60_000).explanations()).as("minutes old")
                .contains("Stage deterioration: open issues: complaint for under an hour, detractor score for under an hour");
        assertThat(open.openIssues()).as("both wait for an answer, oldest first").containsExactly(
                new RelationshipMeasures.OpenIssue("complaint", T0 + DAY),
                new RelationshipMeasures.OpenIssue("detractor score", T0 + DAY + 9_000));
        assertThat(assessor.assess(upset, T0 + DAY + 10_000, T0 + 2 * DAY).openIssues()).as("answered").isEmpty();
        CustomerProfile again = updater.apply(updater.apply(upset, Events.nps("c1", 10, T0 + 3 * DAY)),
                Events.complaint("c1", T0 + 4 * DAY));
        assertThat(at(again, T0 + 5 * DAY).openIssues()).as("only what came after the praise that answered the rest")
                .containsExactly(new RelationshipMeasures.OpenIssue("complaint", T0 + 4 * DAY));
    }

    @Test
    void shouldDateAnOpenComplaintFromTheFirstOneNotAnswered() {
        CustomerProfile twice = fold(Events.purchase("c1", 20, "a", T0), Events.complaint("c1", T0 + DAY),
                Events.complaint("c1", T0 + 4 * DAY));

        RelationshipMeasures waiting = at(twice, T0 + 5 * DAY);
        assertThat(waiting.openIssues()).as("waiting since the first")
                .containsExactly(new RelationshipMeasures.OpenIssue("complaint", T0 + DAY));
        assertThat(waiting.explanations()).contains("Stage deterioration: an open issue (complaint) for 4 days");
        assertThat(waiting.openIssueSince()).as("the latest, as documented").isEqualTo(T0 + 4 * DAY);
        assertThat(at(twice, T0 + DAY - 23 * 3_600_000L).explanations()).as("a server's clock a day ahead of ours")
                .contains("Stage deterioration: an open issue (complaint) dated 23 hours ahead");

        RelationshipMeasures afterAnApology = assessor.assess(updater.apply(twice, Events.complaint("c1", T0 + 6 * DAY)),
                T0 + 5 * DAY, T0 + 7 * DAY);
        assertThat(afterAnApology.openIssues()).as("only what came after the recovery accepted")
                .containsExactly(new RelationshipMeasures.OpenIssue("complaint", T0 + 6 * DAY));
        assertThat(afterAnApology.explanations()).contains("Stage deterioration: an open issue (complaint) for 1 day");
        assertThat(assessor.assess(twice, T0 + DAY, T0 + 5 * DAY).openIssues())
                .as("an answer at the very moment of the first may not have known of it")
                .containsExactly(new RelationshipMeasures.OpenIssue("complaint", T0 + DAY));

        CustomerProfile.Feedback kept = twice.feedback();
        CustomerProfile keptBefore = new CustomerProfile(twice.subjectId(), twice.known(), twice.firstSeen(),
                twice.lastSeen(), twice.eventCount(), twice.spend(), twice.affinities(), twice.recentPages(),
                twice.channelUsage(), twice.lastChannel(), twice.consents(), twice.attributes(), twice.responseCounts(),
                new CustomerProfile.Feedback(kept.lastNps(), kept.lastRating(), kept.complaints(), kept.ideas(),
                        kept.votes(), kept.lastComplaintAt(), kept.reviews(), kept.lastDetractorAt(),
                        kept.lastPositiveAt(), kept.positiveSinceIssueAt(), kept.lastComplaint(), null),
                twice.stitchedIds(), twice.changedAt());
        assertThat(updater.apply(keptBefore, Events.complaint("c1", T0 + 6 * DAY)).feedback().complaintTimes())
                .as("a profile kept before the times were: its latest complaint is the one known")
                .containsExactly(T0 + 4 * DAY, T0 + 6 * DAY);

        CustomerProfile many = twice;
        for (int i = 0; i < 10; i++) {
            many = updater.apply(many, Events.complaint("c1", T0 + 10 * DAY + i));
        }
        assertThat(many.feedback().complaintTimes()).as("the latest 8 kept, oldest first").hasSize(8)
                .isSorted().endsWith(T0 + 10 * DAY + 9);
        CustomerProfile late = updater.apply(many, Events.complaint("c1", T0 + 2 * DAY));
        assertThat(late.feedback().complaintTimes()).as("an old complaint arriving late is older than all kept")
                .isEqualTo(many.feedback().complaintTimes());
        CustomerProfile visitorComplainedFirst = new ProfileMerger(ProfileRules.defaults()).merge(
                fold(Events.purchase("c1", 20, "a", T0), Events.complaint("c1", T0 + 3 * DAY)),
                fold(Events.complaint("c1", T0 + DAY)), "c1");
        assertThat(at(visitorComplainedFirst, T0 + 5 * DAY).openIssues()).as("a visitor's complaint merged at a login")
                .containsExactly(new RelationshipMeasures.OpenIssue("complaint", T0 + DAY));
    }

    @Test
    void shouldCountRepairFromThePraiseThatAnsweredTheIssueNotFromLaterPraise() {
        CustomerProfile answered = fold(Events.purchase("c1", 20, "a", T0), Events.nps("c1", 3, T0 + DAY),
                Events.nps("c1", 9, T0 + 2 * DAY));
        CustomerProfile praisedAgain = fold(Events.purchase("c1", 20, "a", T0), Events.nps("c1", 3, T0 + DAY),
                Events.nps("c1", 9, T0 + 2 * DAY), feedback("rating", null, 5, "great", T0 + 20 * DAY),
                Events.nps("c1", 10, T0 + 25 * DAY));
        CustomerProfile praiseArrivingLate = fold(Events.purchase("c1", 20, "a", T0), Events.nps("c1", 3, T0 + DAY),
                Events.nps("c1", 10, T0 + 25 * DAY), Events.nps("c1", 9, T0 + 2 * DAY));

        assertThat(at(answered, T0 + 20 * DAY).explanations()).contains("Stage repair: an issue resolved 18 days ago"
                + " (repair lasts 30 days)");
        assertThat(at(praisedAgain, T0 + 26 * DAY).explanations()).as("later praise does not start the repair again")
                .contains("Stage repair: an issue resolved 24 days ago (repair lasts 30 days)");
        assertThat(at(praisedAgain, T0 + 40 * DAY).stage()).isEqualTo("involvement");
        assertThat(at(praiseArrivingLate, T0 + 40 * DAY).stage()).as("the first answer, whatever the arrival order")
                .isEqualTo("involvement");
        CustomerProfile complainedAgain = updater.apply(praisedAgain, Events.complaint("c1", T0 + 30 * DAY));
        CustomerProfile answeredAgain = updater.apply(complainedAgain, Events.nps("c1", 9, T0 + 31 * DAY));
        assertThat(at(complainedAgain, T0 + 30 * DAY).needsRecovery()).as("a new issue is open again").isTrue();
        assertThat(at(answeredAgain, T0 + 32 * DAY).explanations()).contains("Stage repair: an issue resolved 1 day ago"
                + " (repair lasts 30 days)");
        CustomerProfile recoveredThenPraised = fold(Events.purchase("c1", 20, "a", T0), Events.complaint("c1", T0 + DAY),
                Events.nps("c1", 9, T0 + 10 * DAY));
        assertThat(assessor.assess(recoveredThenPraised, T0 + 2 * DAY, T0 + 20 * DAY).explanations())
                .as("the recovery accepted answered it first").contains("Stage repair: an issue resolved 18 days ago"
                        + " (repair lasts 30 days)");
        CustomerProfile lapsedAfterAnAnsweredComplaint = updater.apply(fold(purchases(3, 20, 7)),
                Events.complaint("c1", T0 + 15 * DAY));
        lapsedAfterAnAnsweredComplaint = updater.apply(lapsedAfterAnAnsweredComplaint, Events.nps("c1", 9, T0 + 16 * DAY));
        assertThat(at(lapsedAfterAnAnsweredComplaint, T0 + 79 * DAY).stage()).as("lapsed at day 74")
                .isEqualTo("deterioration");
        CustomerProfile praisedAfterTheLapse = updater.apply(lapsedAfterAnAnsweredComplaint,
                Events.nps("c1", 9, T0 + 80 * DAY));
        assertThat(at(praisedAfterTheLapse, T0 + 85 * DAY).needsRecovery()).as("praise answers a lapse too").isFalse();
        assertThat(at(praisedAfterTheLapse, T0 + 85 * DAY).stage()).isEqualTo("repair");
        CustomerProfile merged = new ProfileMerger(ProfileRules.defaults()).merge(answered,
                fold(feedback("rating", null, 5, null, T0 + 20 * DAY)), "c1");
        assertThat(at(merged, T0 + 26 * DAY).explanations()).as("a visitor's later praise, merged at a login")
                .contains("Stage repair: an issue resolved 24 days ago (repair lasts 30 days)");
        CustomerProfile praisedLate = fold(Events.purchase("c1", 20, "a", T0), Events.nps("c1", 3, T0 + DAY),
                Events.nps("c1", 9, T0 + 10 * DAY));
        CustomerProfile visitorPraisedEarlier = new ProfileMerger(ProfileRules.defaults()).merge(praisedLate,
                fold(feedback("rating", null, 5, null, T0 + 5 * DAY)), "c1");
        assertThat(at(visitorPraisedEarlier, T0 + 20 * DAY).explanations()).as("a visitor's earlier praise answered it")
                .contains("Stage repair: an issue resolved 15 days ago (repair lasts 30 days)");
    }

    @Test
    void shouldTellActiveFromPassiveLoyaltyAndScoreChurnRisk() {
        CustomerProfile passive = fold(Events.purchase("c1", 20, "a", T0), Events.purchase("c1", 20, "a", T0 + 10 * DAY));
        CustomerProfile active = updater.apply(passive, feedback("vote", null, null, null, T0 + 11 * DAY));

        assertThat(at(passive, T0 + 11 * DAY).loyalty()).isEqualTo("passive");
        assertThat(at(active, T0 + 11 * DAY).loyalty()).isEqualTo("active");
        assertThat(at(fold(Events.purchase("c1", 20, "a", T0)), T0).loyalty()).isEqualTo("none");
        double fresh = at(passive, T0 + 11 * DAY).churnRisk();
        double stale = at(passive, T0 + 60 * DAY).churnRisk();
        double upset = at(updater.apply(passive, Events.nps("c1", 2, T0 + 11 * DAY)), T0 + 12 * DAY).churnRisk();
        assertThat(stale).isGreaterThan(fresh);
        assertThat(upset).isGreaterThan(fresh);
        assertThat(fresh).isBetween(0.0, 1.0);

        CustomerProfile decadeApart = fold(Events.purchase("c1", 20, "a", T0 - 3650 * DAY),
                Events.purchase("c1", 20, "a", T0 - 200 * DAY));
        RelationshipMeasures gone = at(decadeApart, T0);
        assertThat(gone.stage()).isEqualTo("dissolution");
        assertThat(gone.churnRisk()).as("a rhythm of years does not make 200 silent days usual").isEqualTo(0.9);
        assertThat(gone.explanations()).anyMatch(line -> line.startsWith("Churn risk 0.90: 200 days since the last"
                + " purchase against a rhythm of 3450 days") && line.endsWith("; at least 0.90 once the relationship has"
                + " dissolved"));
    }

    @Test
    void shouldSayWhyEachMeasureHasItsValue() {
        CustomerEvent[] regular = purchases(3, 200, 30);
        CustomerProfile quiet = fold(regular);
        long lastPurchase = T0 + 60 * DAY;

        RelationshipMeasures lapsed = at(quiet, lastPurchase + 70 * DAY);
        RelationshipMeasures repaired = assessor.assess(quiet, lastPurchase + 65 * DAY, lastPurchase + 70 * DAY);
        RelationshipMeasures gone = at(quiet, lastPurchase + 190 * DAY);

        assertThat(lapsed.explanations()).containsExactly(
                "Value high: net spend 600.00 over 3 purchases (net spend at or above 500.00)",
                "Service need low: 0 service contacts (calls, complaints, refunds; high from 3)",
                "Level 1 (utility): 0 web and app interactions (level 2 from 3), and no loyalty membership, review or idea yet",
                "Stage deterioration: an open issue (lapsed purchases) for 10 days",
                "Loyalty passive: 3 purchases, without ideas, votes, reviews or a promoter score",
                "Churn risk 0.92: 70 days since the last purchase against a rhythm of 30 days, an open issue, 3 purchases",
                "Open issue: lapsed purchases since " + java.time.format.DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(
                        java.time.Instant.ofEpochMilli(lastPurchase + 60 * DAY)) + ": service recovery first");
        assertThat(repaired.explanations()).contains("Stage repair: an issue resolved 5 days ago (repair lasts 30 days)");
        assertThat(at(fold(Events.complaint("c1", T0), feedback("rating", null, 5, null, T0 + DAY)), T0 + DAY)
                .explanations()).contains("Level 3 (comfort): an issue (a complaint, a detractor score or a lapse) answered by a recovery action or"
                        + " positive feedback");
        assertThat(gone.explanations()).contains("Stage dissolution: no activity for 190 days (dissolved after 180 days)");
        assertThat(at(fold(Events.complaint("c1", T0)), T0 + 4 * DAY).explanations())
                .as("a customer who only complained has not visited, but was heard from")
                .anyMatch(line -> line.startsWith("Churn risk") && line.contains("4 days since they were last heard from"));
        assertThat(at(fold(Events.view("c1", "a", T0)), T0).explanations()).contains("Stage contact: no purchase yet",
                "Value low: net spend 0.00 over 0 purchases (high from 500.00 or 5 purchases)");
        assertThat(at(fold(regular[0]), T0 + 3 * DAY).explanations()).contains(
                "Stage involvement: 1 purchase, the last 3 days ago (intimacy from 5 purchases with the last within 45 days)",
                "Loyalty none: 1 purchase (loyalty starts with 2)",
                "Churn risk 0.13: 3 days since the last purchase against the default rhythm of 30 days (too few purchases"
                        + " for their own), 1 purchase");
    }

    @Test
    void shouldCountWholeDaysAsTheRulesDo() {
        CustomerProfile bought = fold(Events.purchase("c1", 20, "a", T0));
        long now = T0 + 12 * DAY + 14 * 3_600_000L;

        assertThat(Rfm.of(bought, now).daysSinceLastPurchase()).isEqualTo(12L);
        assertThat(at(bought, now).explanations()).contains(
                "Stage involvement: 1 purchase, the last 12 days ago (intimacy from 5 purchases with the last within 45 days)");
        CustomerProfile regular = fold(purchases(5, 20, 7));
        long lastPurchase = T0 + 28 * DAY;
        assertThat(at(regular, lastPurchase + 45 * DAY + 13 * 3_600_000L).explanations()).as("45 whole days is within 45")
                .contains("Stage intimacy: 5 purchases, the last 45 days ago (intimacy from 5 purchases with the last"
                        + " within 45 days)");
        assertThat(at(regular, lastPurchase + 46 * DAY).stage()).isEqualTo("involvement");
    }
}
