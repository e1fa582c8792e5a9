package io.nbo.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.topics.Topic;
import io.nbo.schemas.validation.Decoded;
import io.nbo.schemas.validation.Timestamps;
import io.nbo.service.kafka.EventPublisher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One catalogue resource (offers, campaigns) kept on a compacted topic and read back from this instance's
 * global store. A write answers once the global store shows it, so the next decision uses it, or with 202 if
 * that takes longer than {@link #VISIBLE_WITHIN_MS}.
 */
public final class CatalogueHandler<T> {
    static final long VISIBLE_WITHIN_MS = 3000;

    /**
     * How one resource is named, validated, identified, stored and read; {@code applied} tells whether this
     * instance's copy has applied a given partition and offset of the topic, and {@code created} whether that
     * record created its id there; {@code namedBy} lists the offers that name an item (a campaign's).
     */
    public record Resource<T>(String singular, String idField, Topic<String, T> topic,
                              Function<JsonNode, Decoded<T>> decode, Function<T, String> idOf,
                              Function<String, Optional<T>> read, Supplier<List<T>> readAll, Runnable afterWrite,
                              BiPredicate<Integer, Long> applied, BiPredicate<Integer, Long> created,
                              Function<String, List<String>> namedBy,
                              java.util.function.BiFunction<T, T, Optional<String>> replaceConflict) {
    }

    private final Resource<T> resource;
    private final EventPublisher publisher;

    public CatalogueHandler(Resource<T> resource, EventPublisher publisher) {
        this.resource = resource;
        this.publisher = publisher;
    }

    public void list(RoutingContext ctx) {
        JsonArray items = new JsonArray();
        resource.readAll().get().stream().sorted(Comparator.comparing(resource.idOf()))
                .forEach(item -> items.add(toJson(item)));
        ctx.json(new JsonObject().put(resource.singular() + "s", items).put("count", items.size()));
    }

    public void get(RoutingContext ctx) {
        String id = validId(ctx);
        if (id != null) {
            resource.read().apply(id).ifPresentOrElse(item -> ctx.json(toJson(item)), () -> notFound(ctx, id));
        }
    }

    public void put(RoutingContext ctx) {
        String id = validId(ctx);
        JsonNode body = id == null ? null : JsonBodies.read(ctx).orElse(null);
        if (body == null) {
            return;
        }
        if (body.isObject() && !body.has(resource.idField())) {
            ((ObjectNode) body).put(resource.idField(), id);
        }
        List<String> outOfRange = Stream.of("validFrom", "validTo")
                .flatMap(field -> Timestamps.outOfRangeForAWrite(field, body.get(field)).stream()).toList();
        if (!outOfRange.isEmpty()) {
            Problems.send(ctx, 400, "invalid-" + resource.singular(), "Invalid " + resource.singular(),
                    String.join("; ", outOfRange), new JsonObject().put("reasons", new JsonArray(outOfRange)));
            return;
        }
        JsonBodies.checked(ctx, () -> resource.decode().apply(body), decoded -> put(ctx, id, decoded));
    }

    private void put(RoutingContext ctx, String id, Decoded<T> decoded) {
        if (!decoded.ok()) {
            Problems.send(ctx, 400, "invalid-" + resource.singular(), "Invalid " + resource.singular(),
                    decoded.reason(), new JsonObject().put("reasons", new JsonArray(decoded.violations())));
            return;
        }
        T item = decoded.value();
        if (!resource.idOf().apply(item).equals(id)) {
            Problems.badRequest(ctx, resource.singular() + "-id-mismatch", "Id mismatch", "the body's "
                    + resource.idField() + " '" + resource.idOf().apply(item) + "' differs from the path's '" + id + "'");
            return;
        }
        Optional<T> stored = resource.read().apply(id);
        Optional<String> conflict = stored.flatMap(was -> resource.replaceConflict().apply(was, item));
        if (conflict.isPresent()) {
            Problems.send(ctx, 409, "replace-would-end-hold-out", "Replace would end the hold-out", conflict.get());
            return;
        }
        boolean existed = stored.isPresent();
        CompletableFuture<RecordMetadata> send = publisher.publishEntry(resource.topic(), id, item);
        write(ctx, id, send, item::equals, () -> {
            // Whether this write created the id, as the catalogue applied it: of two racing first writes, one.
            boolean created = !existed && resource.created().test(send.join().partition(), send.join().offset());
            ctx.response().setStatusCode(created ? 201 : 200);
            ctx.json(toJson(item));
        });
    }

    public void delete(RoutingContext ctx) {
        String id = validId(ctx);
        if (id == null) {
            return;
        }
        if (resource.read().apply(id).isEmpty()) {
            notFound(ctx, id);
            return;
        }
        List<String> offers = resource.namedBy().apply(id);
        if (!offers.isEmpty()) {
            // Its offers would go on without its control group, caps, suppression and cool-down: a customer who
            // declined twice would be asked again at once.
            Problems.send(ctx, 409, resource.singular() + "-in-use", "Still named by offers", "the " + resource.singular()
                    + " " + id + " is named by " + offers.size() + (offers.size() == 1 ? " offer" : " offers") + " ("
                    + String.join(", ", offers.subList(0, Math.min(10, offers.size())))
                    + (offers.size() > 10 ? ", …" : "") + "): delete them or move them to another "
                    + resource.singular() + " first, or they would run without its control group and contact rules");
            return;
        }
        write(ctx, id, publisher.publishEntry(resource.topic(), id, null), Objects::isNull,
                () -> ctx.response().setStatusCode(204).end());
    }

    private void write(RoutingContext ctx, String id, CompletableFuture<RecordMetadata> send, Predicate<T> visible,
                       Runnable done) {
        // Applied also when a concurrent write of the same id came after it and replaced it (last writer wins).
        AwaitWrite.then(ctx, send, "the change", VISIBLE_WITHIN_MS, () -> { },
                () -> visible.test(resource.read().apply(id).orElse(null))
                        || resource.applied().test(send.join().partition(), send.join().offset()),
                () -> {
                    // Decisions read the catalogue through a short cache; this instance's next one must see the write.
                    resource.afterWrite().run();
                    done.run();
                },
                () -> {
                    ctx.response().setStatusCode(202);
                    ctx.json(new JsonObject().put(resource.idField(), id)
                            .put("status", "written; not yet visible in this instance's catalogue"));
                });
    }

    private String validId(RoutingContext ctx) {
        return RequestParams.pathId(ctx, resource.idField(), resource.singular() + " id");
    }

    private void notFound(RoutingContext ctx, String id) {
        // A campaign that offers name without its own definition runs, and shows in the stats, with the defaults.
        List<String> namedBy = resource.namedBy().apply(id);
        String running = namedBy.isEmpty() ? "" : ": it is not defined, but offer" + (namedBy.size() == 1 ? " " : "s ")
                + String.join(", ", namedBy.subList(0, Math.min(namedBy.size(), 10)))
                + (namedBy.size() > 10 ? " and " + (namedBy.size() - 10) + " more" : "")
                + (namedBy.size() == 1 ? " names" : " name") + " it, so it runs with the"
                + " default settings; PUT /v1/" + resource.singular() + "s/" + id + " sets its own";
        Problems.send(ctx, 404, resource.singular() + "-not-found",
                Character.toUpperCase(resource.singular().charAt(0)) + resource.singular().substring(1) + " not found",
                "there is no " + resource.singular() + " " + id + running);
    }

    private static JsonObject toJson(Object item) {
        return new JsonObject(Json.mapper().convertValue(item, Map.class));
    }
}
