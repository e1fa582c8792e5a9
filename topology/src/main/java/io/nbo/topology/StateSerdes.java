package io.nbo.topology;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.learning.LearningUpdate;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.json.JsonSerde;

/** How the topology's own state and internal records are written: JSON or Smile (binary JSON), one serde per type. */
public final class StateSerdes {
    /**
     * The largest per-customer state, read by every decision and rewritten by the topology: binary, and
     * decoded once per version (see {@link JsonSerde#binaryCached}). 16 MiB of encoded histories (about 80 MiB
     * of heap decoded) holds the latest version of the busiest thousand customers with full histories, or tens
     * of thousands of light ones: in a simulation of the load test's skew over 100k customers, 2 MiB missed two
     * reads in five and 16 MiB one in fourteen. Its records are written as positional arrays
     * ({@link StoredHistoryLayout}).
     */
    public static final JsonSerde<ContactHistory> CONTACT_HISTORY = JsonSerde.binaryCached(ContactHistory.class,
            16L << 20, StoredHistoryLayout.MIX_INS);
    /** The contact-history store's layout without its cache, for tools and benchmarks that decode it. */
    public static final JsonSerde<ContactHistory> CONTACT_HISTORY_CODEC = JsonSerde.binary(ContactHistory.class,
            StoredHistoryLayout.MIX_INS);
    public static final JsonSerde<LearningUpdate> LEARNING_UPDATE = new JsonSerde<>(LearningUpdate.class);
    public static final JsonSerde<OfferModel> OFFER_MODEL = new JsonSerde<>(OfferModel.class);
    public static final JsonSerde<CampaignUpdate> CAMPAIGN_UPDATE = new JsonSerde<>(CampaignUpdate.class);
    public static final JsonSerde<CampaignStats> CAMPAIGN_STATS = new JsonSerde<>(CampaignStats.class);
    /** The aggregators' own stores, rewritten on every update: binary too. Their snapshots stay text JSON. */
    public static final JsonSerde<OfferModel> OFFER_MODEL_STORED = JsonSerde.binary(OfferModel.class);
    public static final JsonSerde<CampaignStats> CAMPAIGN_STATS_STORED = JsonSerde.binary(CampaignStats.class);
    /**
     * Decisions on their way from the offer route to the contact tracker (the {@code decisions} topic): Smile,
     * written by every decision and read once; text written earlier still reads.
     */
    public static final JsonSerde<DecisionRecord> DECISION = JsonSerde.binary(DecisionRecord.class);
    /** The pseudonymous {@code decision-log}, read by offline evaluation and by people: text JSON. */
    public static final JsonSerde<DecisionRecord> DECISION_LOG = new JsonSerde<>(DecisionRecord.class);

    private StateSerdes() {
    }
}
