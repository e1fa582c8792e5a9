package io.nbo.decisioning.relationship;

/** Where a relationship is: it builds up through the first three and can decline, be repaired, or end. */
public enum Stage {
    CONTACT("contact"),
    INVOLVEMENT("involvement"),
    INTIMACY("intimacy"),
    DETERIORATION("deterioration"),
    REPAIR("repair"),
    DISSOLUTION("dissolution");

    private final String wireName;

    Stage(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
