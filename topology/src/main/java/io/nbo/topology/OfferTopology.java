package io.nbo.topology;

import io.nbo.schemas.topics.Topic;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.offers.OfferCatalogueProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * The whole streaming side as one pure function of its configuration: event topics → validation and
 * de-duplication → {@code customer-profiles}; the {@code offers} topic → a global catalogue on every
 * instance; anything unreadable → {@code dead-letter}.
 */
public final class OfferTopology {
    static final String EVENT_SOURCE = "event-source";
    static final String OFFER_SOURCE = "offer-source";

    private OfferTopology() {
    }

    public static Topology build(TopologyConfig config) {
        Topology topology = new Topology();
        String[] eventTopics = Topics.eventTopics().stream().map(Topic::name).toArray(String[]::new);
        topology.addSource(EVENT_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                eventTopics);
        topology.addProcessor(ProfileProcessor.NAME, () -> new ProfileProcessor(config), EVENT_SOURCE);
        topology.addStateStore(ProfileProcessor.profileStore(), ProfileProcessor.NAME);
        topology.addStateStore(ProfileProcessor.seenEventStore(config.dedupWindow()), ProfileProcessor.NAME);
        topology.addSink(ProfileProcessor.DEAD_LETTER_SINK, Topics.DEAD_LETTER.name(),
                Topics.DEAD_LETTER.keySerde().serializer(), Topics.DEAD_LETTER.valueSerde().serializer(),
                ProfileProcessor.NAME);

        topology.addGlobalStore(OfferCatalogueProcessor.store(), OFFER_SOURCE, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), Topics.OFFERS.name(), OfferCatalogueProcessor.NAME,
                OfferCatalogueProcessor::new);
        return topology;
    }
}
