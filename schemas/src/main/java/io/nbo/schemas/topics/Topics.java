package io.nbo.schemas.topics;

import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.campaigns.CampaignCodec;
import io.nbo.schemas.events.EventFamily;
import io.nbo.schemas.events.EventType;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.offers.OfferCodec;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one registry of topics: every producer, the topology and the tests use these names and serdes.
 * Event topics carry raw JSON bytes because the topology validates each record itself and sends the
 * ones that fail to {@link #DEAD_LETTER}.
 */
public final class Topics {
    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<byte[]> RAW = Serdes.ByteArray();

    public static final Topic<String, byte[]> CLICKSTREAM = new Topic<>("clickstream", KEYS, RAW, false);
    public static final Topic<String, byte[]> TRANSACTIONS = new Topic<>("transactions", KEYS, RAW, false);
    public static final Topic<String, byte[]> OFFER_RESPONSES = new Topic<>("offer-responses", KEYS, RAW, false);
    public static final Topic<String, byte[]> CUSTOMER_FEEDBACK = new Topic<>("customer-feedback", KEYS, RAW, false);
    public static final Topic<String, byte[]> CUSTOMER_UPDATES = new Topic<>("customer-updates", KEYS, RAW, false);
    public static final Topic<String, Offer> OFFERS = new Topic<>("offers", KEYS, OfferCodec.serde(), true);
    public static final Topic<String, Campaign> CAMPAIGNS = new Topic<>("campaigns", KEYS, CampaignCodec.serde(),
            true);
    /**
     * Every decision as the service made it, keyed by customer, in the same partitioning as the event topics:
     * the topology's input for contact history, learning and campaign totals.
     */
    public static final Topic<String, byte[]> DECISIONS = new Topic<>("decisions", KEYS, RAW, false);
    /**
     * The decision log kept for audit and offline evaluation: every decision with the customer replaced by a
     * random pseudonym (also the key). Erasing the customer deletes the only link from pseudonym to customer,
     * so the entries stay useful for evaluation but no longer name anyone.
     */
    public static final Topic<String, byte[]> DECISION_LOG = new Topic<>("decision-log", KEYS, RAW, false);
    /** Learned per-offer models, keyed by offerId; every instance reads them as a global table. */
    public static final Topic<String, byte[]> MODEL_SNAPSHOTS = new Topic<>("model-snapshots", KEYS, RAW, true);
    /** Treatment and control totals per campaign, keyed by campaignId; read as a global table. */
    public static final Topic<String, byte[]> CAMPAIGN_STATS = new Topic<>("campaign-stats", KEYS, RAW, true);
    /** Learning evidence re-keyed by offerId, so one task owns each offer's model. */
    public static final Topic<String, byte[]> MODEL_UPDATES = new Topic<>("model-updates", KEYS, RAW, false);
    /** Campaign counter changes re-keyed by campaignId, so one task owns each campaign's totals. */
    public static final Topic<String, byte[]> CAMPAIGN_UPDATES = new Topic<>("campaign-updates", KEYS, RAW, false);
    /** A login tied an anonymous id to a customer: keyed by the anonymous id, so its partition hands over. */
    public static final Topic<String, byte[]> IDENTITY_STITCHES = new Topic<>("identity-stitches", KEYS, RAW, false);
    /** The anonymous profile and contact history handed over, keyed by the customer id that absorbs them. */
    public static final Topic<String, byte[]> IDENTITY_MERGES = new Topic<>("identity-merges", KEYS, RAW, false);
    /** Events for an already stitched anonymous id, re-keyed by the customer id (same JSON as on the event topics). */
    public static final Topic<String, byte[]> REROUTED_EVENTS = new Topic<>("rerouted-events", KEYS, RAW, false);
    /** Erasure requests, keyed by the customer or anonymous id to forget (the value is the requested-at time). */
    public static final Topic<String, byte[]> ERASURES = new Topic<>("erasure-requests", KEYS, RAW, false);
    /** Records that could not be read, unchanged, with headers naming the reason and the source. */
    public static final Topic<String, byte[]> DEAD_LETTER = new Topic<>("dead-letter", KEYS, RAW, false);

    public static final String HEADER_REASON = "dlq.reason";
    public static final String HEADER_SOURCE_TOPIC = "dlq.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "dlq.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "dlq.source.offset";
    public static final String HEADER_SOURCE_TIMESTAMP = "dlq.source.timestamp";
    /** On a dead letter too large to copy whole: the sizes of the key and value left out. */
    public static final String HEADER_OMITTED_BYTES = "dlq.omitted-bytes";

    private Topics() {
    }

    public static List<Topic<String, byte[]>> eventTopics() {
        return List.of(CLICKSTREAM, TRANSACTIONS, OFFER_RESPONSES, CUSTOMER_FEEDBACK, CUSTOMER_UPDATES);
    }

    /**
     * The topics keyed by customer (or anonymous id) that feed the per-customer stores: they must all have
     * the same number of partitions, since a key's partition is where its state lives.
     */
    /**
     * The partition of a customer-keyed topic that {@code key} belongs to, as the Java clients' default
     * partitioner (and so every Kafka Streams sink) places it: where that customer's state lives.
     */
    public static int partitionOf(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    public static List<Topic<String, byte[]>> customerKeyed() {
        List<Topic<String, byte[]>> topics = new java.util.ArrayList<>(eventTopics());
        topics.addAll(List.of(DECISIONS, REROUTED_EVENTS, IDENTITY_STITCHES, IDENTITY_MERGES, ERASURES));
        return List.copyOf(topics);
    }

    public static List<Topic<?, ?>> all() {
        return List.of(CLICKSTREAM, TRANSACTIONS, OFFER_RESPONSES, CUSTOMER_FEEDBACK, CUSTOMER_UPDATES, OFFERS,
                CAMPAIGNS, DECISIONS, DECISION_LOG, MODEL_UPDATES, MODEL_SNAPSHOTS, CAMPAIGN_UPDATES, CAMPAIGN_STATS,
                IDENTITY_STITCHES, IDENTITY_MERGES, REROUTED_EVENTS, ERASURES, DEAD_LETTER);
    }

    public static Topic<String, byte[]> forFamily(EventFamily family) {
        return switch (family) {
            case CLICKSTREAM -> CLICKSTREAM;
            case TRANSACTION -> TRANSACTIONS;
            case OFFER_RESPONSE -> OFFER_RESPONSES;
            case FEEDBACK -> CUSTOMER_FEEDBACK;
            case CUSTOMER_UPDATE -> CUSTOMER_UPDATES;
        };
    }

    /** The topics events are written to: the only ones a read-your-writes token names. */
    public static java.util.Set<String> eventTopicNames() {
        return java.util.Arrays.stream(EventFamily.values()).map(family -> forFamily(family).name())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public static Topic<String, byte[]> forType(EventType type) {
        return forFamily(type.family());
    }

    /** The type assumed for a document without one on this topic (offer responses may omit it). */
    public static EventType defaultTypeOn(String topicName) {
        return OFFER_RESPONSES.name().equals(topicName) ? EventType.OFFER_RESPONSE : null;
    }

    /** The family whose events belong on this topic, or null for a topic that carries no events. */
    public static EventFamily familyOn(String topicName) {
        for (EventFamily family : EventFamily.values()) {
            if (forFamily(family).name().equals(topicName)) {
                return family;
            }
        }
        return null;
    }
}
