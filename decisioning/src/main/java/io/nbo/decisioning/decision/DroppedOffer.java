package io.nbo.decisioning.decision;

/**
 * A candidate that did not make it, the funnel stage that dropped it and why ("why not"). The words are written
 * only when read: every decision drops candidates, and only one asked with {@code explain} shows why.
 */
public record DroppedOffer(String offerId, String campaignId, Stage stage, java.util.function.Supplier<String> why) {

    public DroppedOffer(String offerId, String campaignId, Stage stage, String reason) {
        this(offerId, campaignId, stage, () -> reason);
    }

    public String reason() {
        return why.get();
    }

    public enum Stage {
        ELIGIBILITY("eligibility"),
        CONTACT_POLICY("contact-policy"),
        CONTROL_GROUP("control-group"),
        ARBITRATION("arbitration");

        private final String wireName;

        Stage(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
