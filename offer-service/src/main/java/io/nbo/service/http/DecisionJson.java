package io.nbo.service.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.nbo.decisioning.decision.DroppedOffer;
import io.nbo.decisioning.decision.FunnelResult;
import io.nbo.decisioning.decision.RankedOffer;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.json.Json;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire form of a decision: ranked offers with factors and reasons, and with explain, every drop. Written
 * straight to bytes with Jackson's generator: every decision is answered this way, and building maps for
 * Vert.x to encode cost more than the funnel's scoring.
 */
final class DecisionJson {
    private DecisionJson() {
    }

    /**
     * Where and how the decision was made, beside what was decided. {@code customerId}: the id the answer names, which
     * is the id asked for where the caller may not learn which customer a visitor's id leads to.
     */
    record Context(String customerId, String decidedBy, boolean preview, String resolvedFrom, String position,
                   Boolean positionReached) {
    }

    static Buffer render(DecisionRecord record, FunnelResult result, boolean known, boolean explain, Context context) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("decisionId", record.decisionId());
            json.writeStringField("customerId", context.customerId());
            json.writeStringField("channel", record.channel());
            json.writeStringField("placement", record.placement());
            json.writeNumberField("decidedAt", record.decidedAt());
            json.writeStringField("policy", record.policy());
            json.writeBooleanField("knownCustomer", known);
            json.writeBooleanField("fallback", result.fallback());
            json.writeArrayFieldStart("offers");
            int rank = 1;
            for (RankedOffer offer : result.offers()) {
                writeOffer(json, offer, rank++);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("controlGroups");
            for (DecisionRecord.ControlHold hold : result.heldOut()) {
                json.writeStartObject();
                json.writeStringField("campaignId", hold.campaignId());
                json.writeStringField("offerId", hold.offerId());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (explain) {
                json.writeArrayFieldStart("dropped");
                for (DroppedOffer drop : result.dropped()) {
                    json.writeStartObject();
                    json.writeStringField("offerId", drop.offerId());
                    json.writeStringField("campaignId", drop.campaignId());
                    json.writeStringField("stage", drop.stage().wireName());
                    json.writeStringField("reason", drop.reason());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeStringField("decidedBy", context.decidedBy());
            json.writeBooleanField("preview", context.preview());
            if (context.resolvedFrom() != null) {
                json.writeStringField("resolvedFrom", context.resolvedFrom());
            }
            if (context.position() != null) {
                json.writeStringField("position", context.position());
            }
            if (context.positionReached() != null) {
                json.writeBooleanField("positionReached", context.positionReached());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a decision", e);
        }
        return Buffer.buffer(bytes.toByteArray());
    }

    private static void writeOffer(JsonGenerator json, RankedOffer offer, int rank) throws IOException {
        json.writeStartObject();
        json.writeNumberField("rank", rank);
        json.writeStringField("offerId", offer.offerId());
        json.writeStringField("campaignId", offer.campaignId());
        json.writeStringField("name", offer.name());
        json.writeStringField("kind", offer.kind());
        json.writeNumberField("score", offer.priority());
        json.writeObjectFieldStart("factors");
        json.writeNumberField("propensity", offer.factors().propensity());
        json.writeNumberField("context", offer.factors().context());
        json.writeNumberField("value", offer.factors().value());
        json.writeNumberField("lever", offer.factors().lever());
        json.writeEndObject();
        json.writeObjectFieldStart("propensity");
        json.writeStringField("segment", offer.propensity().segment());
        if (offer.propensity().used() == null) {
            json.writeNullField("used");
        } else {
            json.writeNumberField("used", offer.propensity().used());
        }
        json.writeNumberField("mean", offer.propensity().mean());
        // Evidence is discounted as it ages, so 2 presentations read 1.999997 a moment later: shown to 3 places.
        json.writeNumberField("presentations", thousandths(offer.propensity().presentations()));
        json.writeNumberField("successes", thousandths(offer.propensity().successes()));
        json.writeEndObject();
        json.writeNumberField("choiceProbability", offer.choiceProbability());
        json.writeBooleanField("fallback", offer.fallback());
        json.writeArrayFieldStart("reasons");
        for (String reason : offer.reasons()) {
            json.writeString(reason);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static double thousandths(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
