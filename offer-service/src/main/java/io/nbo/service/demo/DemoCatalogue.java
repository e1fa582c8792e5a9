package io.nbo.service.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.offers.OfferCodec;
import io.nbo.schemas.topics.Topics;
import io.nbo.schemas.validation.Decoded;
import io.nbo.service.kafka.EventPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The demo catalogue (a dozen offers across web, app, call-centre and email). It is written only when the
 * offers topic has never held anything, so a restart never undoes changes made through the API.
 */
public final class DemoCatalogue {
    private DemoCatalogue() {
    }

    public static List<Offer> offers() throws IOException {
        try (InputStream in = DemoCatalogue.class.getResourceAsStream("/demo/offers.json")) {
            JsonNode array = Json.mapper().readTree(in);
            OfferCodec codec = new OfferCodec();
            List<Offer> offers = new ArrayList<>();
            for (JsonNode node : array) {
                Decoded<Offer> decoded = codec.decode(node);
                if (!decoded.ok()) {
                    throw new IllegalStateException("demo offer " + node.get("offerId") + " is invalid: "
                            + decoded.reason());
                }
                offers.add(decoded.value());
            }
            return offers;
        }
    }

    /** Returns how many offers were written: all of them, or 0 when the topic already had history. */
    public static int loadIfNeverLoaded(String bootstrapServers, EventPublisher publisher) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var description = admin.describeTopics(List.of(Topics.OFFERS.name())).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.OFFERS.name());
            Map<TopicPartition, OffsetSpec> ends = description.partitions().stream().collect(Collectors.toMap(
                    p -> new TopicPartition(Topics.OFFERS.name(), p.partition()), p -> OffsetSpec.latest()));
            long written = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
            if (written > 0) {
                return 0;
            }
        }
        List<Offer> offers = offers();
        CompletableFuture.allOf(offers.stream().map(offer -> publisher.publishEntry(Topics.OFFERS, offer.offerId(), offer)).toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
        return offers.size();
    }
}
