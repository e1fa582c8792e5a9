package io.nbo.decisioning.rules;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.Interest;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.Rfm;
import io.nbo.decisioning.relationship.RelationshipMeasures;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The values rules can test, looked up by field name (the names in {@code rule.schema.json}). Computed
 * lazily from the profile and the request, so a rule only pays for the facts it reads.
 */
public final class Facts {
    private static final long DAY = 86_400_000L;

    private final CustomerProfile profile;
    private final DecisionRequest request;
    private final Interest interest;
    private final RelationshipMeasures relationship;
    private final ContactHistory history;
    private final ZoneId timeZone;
    private Rfm rfm;
    private Map<String, Long> responses;

    /**
     * @param history the customer's contact history: responses count only where they answer an offer shown
     * @param timeZone where {@code request.hourOfDay} and {@code request.dayOfWeek} are read
     */
    public Facts(CustomerProfile profile, DecisionRequest request, Interest interest,
                 RelationshipMeasures relationship, ContactHistory history, ZoneId timeZone) {
        this.profile = profile;
        this.request = request;
        this.interest = interest;
        this.relationship = relationship;
        this.history = history == null ? ContactHistory.EMPTY : history;
        this.timeZone = java.util.Objects.requireNonNull(timeZone, "timeZone");
    }

    /** Whether an explanation may quote the values it read (see {@link DecisionRequest#quotesFacts()}). */
    public boolean quotable() {
        return request.quotesFacts();
    }

    /** The value of {@code field}, or null when the customer has no such fact. */
    public Object get(String field) {
        int dot = field.indexOf('.');
        String group = dot < 0 ? field : field.substring(0, dot);
        String name = dot < 0 ? "" : field.substring(dot + 1);
        return switch (group) {
            case "spend" -> spend(name);
            case "rfm" -> rfm(name);
            case "eventCount" -> profile.eventCount();
            case "known" -> profile.known();
            // A preview asked as at a moment before the customer was first seen (at=) reads 0, not a negative count.
            case "daysSinceFirstSeen" -> profile.isNew() ? null : Math.max(0, request.now() - profile.firstSeen()) / DAY;
            case "interest" -> interest.shareOf(name);
            case "topInterest" -> interest.top();
            case "attributes" -> profile.attributes().get(name);
            case "consents" -> profile.consents().get(name);
            case "feedback" -> feedback(name);
            case "responses" -> responses().getOrDefault(name, 0L);
            case "request" -> requestFact(name);
            case "relationship" -> relationshipFact(name);
            default -> null;
        };
    }

    private Object spend(String name) {
        CustomerProfile.Spend spend = profile.spend();
        return switch (name) {
            case "net" -> spend.net();
            case "total" -> spend.total();
            case "purchases" -> spend.purchases();
            case "refunds" -> spend.refunds();
            case "averageOrderValue" -> spend.averageOrderValue();
            default -> null;
        };
    }

    /**
     * Responses to offers this service showed, per outcome, counted once per decision (rules are read per candidate).
     * Not the profile's count of every response received: one naming no offer shown could be a typo or a forgery,
     * and would then decide what the customer is offered.
     */
    private Map<String, Long> responses() {
        if (responses == null) {
            responses = new HashMap<>();
            for (Presentation shown : history.presentations()) {
                if (!shown.control()) {
                    for (String outcome : shown.outcomes()) {
                        responses.merge(outcome, 1L, Long::sum);
                    }
                }
            }
        }
        return responses;
    }

    private Object rfm(String name) {
        if (rfm == null) {
            rfm = Rfm.of(profile, request.now());
        }
        return switch (name) {
            case "recency" -> rfm.recencyScore();
            case "frequency" -> rfm.frequencyScore();
            case "monetary" -> rfm.monetaryScore();
            case "daysSinceLastPurchase" -> rfm.daysSinceLastPurchase();
            case "code" -> rfm.code();
            default -> null;
        };
    }

    private Object feedback(String name) {
        CustomerProfile.Feedback feedback = profile.feedback();
        return switch (name) {
            case "lastNps" -> feedback.lastNps();
            case "lastRating" -> feedback.lastRating();
            case "complaints" -> feedback.complaints();
            case "ideas" -> feedback.ideas();
            case "votes" -> feedback.votes();
            default -> null;
        };
    }

    private Object relationshipFact(String name) {
        if (relationship == null) {
            return null;
        }
        return switch (name) {
            case "level" -> relationship.level();
            case "stage" -> relationship.stage();
            case "valueTier" -> relationship.valueTier();
            case "serviceNeed" -> relationship.serviceNeed();
            case "loyalty" -> relationship.loyalty();
            case "churnRisk" -> relationship.churnRisk();
            case "openIssue" -> relationship.needsRecovery();
            case "openIssueCause" -> relationship.openIssueCause();
            default -> null;
        };
    }

    private Object requestFact(String name) {
        return switch (name) {
            case "channel" -> request.channel();
            case "placement" -> request.placement();
            case "hourOfDay" -> localTime().getHour();
            case "dayOfWeek" -> localTime().getDayOfWeek().getValue();
            default -> null;
        };
    }

    private ZonedDateTime localTime() {
        return Instant.ofEpochMilli(request.now()).atZone(timeZone);
    }
}
