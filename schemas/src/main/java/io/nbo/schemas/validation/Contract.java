package io.nbo.schemas.validation;

/** Each versioned JSON Schema in {@code schemas/v1}, by the file it lives in. */
public enum Contract {
    CLICKSTREAM_EVENT("clickstream-event"),
    TRANSACTION_EVENT("transaction-event"),
    OFFER_RESPONSE("offer-response"),
    FEEDBACK_EVENT("feedback-event"),
    CUSTOMER_UPDATE("customer-update"),
    OFFER("offer"),
    CAMPAIGN("campaign"),
    /** Checked on the rules of offers and campaigns written through the API only (see {@code RuleValues}). */
    RULE_VALUES("rule-values"),
    /** What the service writes to the {@code decision-log} topic, for those who read it: no input is checked against it. */
    DECISION_LOG("decision-log");

    public static final String VERSION = "v1";

    private final String fileStem;

    Contract(String fileStem) {
        this.fileStem = fileStem;
    }

    public String fileStem() {
        return fileStem;
    }

    public String schemaId() {
        return ContractValidator.ID_PREFIX + fileStem + ".schema.json";
    }
}
