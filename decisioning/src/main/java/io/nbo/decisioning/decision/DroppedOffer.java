package io.nbo.decisioning.decision;

/** A candidate that did not make it, the funnel stage that dropped it and why ("why not"). */
public record DroppedOffer(String offerId, String campaignId, Stage stage, String reason) {

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
