package io.nbo.schemas.offers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.json.JsonErrors;
import io.nbo.schemas.json.JsonSerde;
import io.nbo.schemas.validation.Contract;
import io.nbo.schemas.validation.ContractValidator;
import io.nbo.schemas.validation.Decoded;
import io.nbo.schemas.validation.Timestamps;
import java.util.ArrayList;
import java.util.List;

/** Reads untrusted offer definitions (from the HTTP API) into validated {@link Offer}s. */
public final class OfferCodec {
    /**
     * The catalogue is read whole by every decision (cached for 100 ms) and per offer by the topology on every
     * purchase; offers are few and change rarely, so each version is decoded once.
     */
    private static final JsonSerde<Offer> SERDE = JsonSerde.cached(Offer.class, 4L << 20);

    public Decoded<Offer> decode(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Decoded.refused("an offer must be a JSON object");
        }
        ObjectNode offer = ((ObjectNode) node).deepCopy();
        List<String> violations = new ArrayList<>(ContractValidator.shared().violations(Contract.OFFER, offer));
        if (violations.isEmpty()) {
            Timestamps.normaliseValidity(offer, violations);
        }
        if (!violations.isEmpty()) {
            return Decoded.refused(violations);
        }
        try {
            return Decoded.ok(Json.mapper().treeToValue(offer, Offer.class));
        } catch (JsonProcessingException e) {
            return Decoded.refused("cannot read offer: " + JsonErrors.describe(e));
        }
    }

    /** As {@link #decode}, for a definition written through the API: its rules' values are checked too. */
    public Decoded<Offer> decodeWritten(JsonNode node) {
        Decoded<Offer> decoded = decode(node);
        if (!decoded.ok()) {
            return decoded;
        }
        List<String> values = RuleValues.violations(node);
        return values.isEmpty() ? decoded : Decoded.refused(values);
    }

    public static JsonSerde<Offer> serde() {
        return SERDE;
    }
}
