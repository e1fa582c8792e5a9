package io.nbo.service.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.campaigns.CampaignCodec;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The demo catalogue: a dozen offers across web, app, call-centre and email, a fallback, and campaigns with
 * control groups and contact policies. Written only when the offers topic has never held anything, so a
 * restart never undoes changes made through the API.
 */
public final class DemoCatalogue {
    private DemoCatalogue() {
    }

    public static List<Offer> offers() throws IOException {
        OfferCodec codec = new OfferCodec();
        return read("/demo/offers.json", codec::decode);
    }

    public static List<Campaign> campaigns() throws IOException {
        CampaignCodec codec = new CampaignCodec();
        return read("/demo/campaigns.json", codec::decode);
    }

    private static <T> List<T> read(String resource, Function<JsonNode, Decoded<T>> decode) throws IOException {
        try (InputStream in = DemoCatalogue.class.getResourceAsStream(resource)) {
            List<T> items = new ArrayList<>();
            for (JsonNode node : Json.mapper().readTree(in)) {
                Decoded<T> decoded = decode.apply(node);
                if (!decoded.ok()) {
                    throw new IllegalStateException(resource + " entry " + node + " is invalid: " + decoded.reason());
                }
                items.add(decoded.value());
            }
            return items;
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
        List<CompletableFuture<?>> writes = new ArrayList<>();
        campaigns().forEach(c -> writes.add(publisher.publishEntry(Topics.CAMPAIGNS, c.campaignId(), c)));
        List<Offer> offers = offers();
        offers.forEach(o -> writes.add(publisher.publishEntry(Topics.OFFERS, o.offerId(), o)));
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return offers.size();
    }
}
