package io.nbo.schemas.campaigns;

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

/** Reads untrusted campaign definitions (from the HTTP API) into validated {@link Campaign}s. */
public final class CampaignCodec {
    private static final JsonSerde<Campaign> SERDE = new JsonSerde<>(Campaign.class);

    public Decoded<Campaign> decode(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Decoded.refused("a campaign must be a JSON object");
        }
        ObjectNode campaign = ((ObjectNode) node).deepCopy();
        List<String> violations = new ArrayList<>(ContractValidator.shared().violations(Contract.CAMPAIGN, campaign));
        if (violations.isEmpty()) {
            Timestamps.normaliseValidity(campaign, violations);
        }
        if (!violations.isEmpty()) {
            return Decoded.refused(violations);
        }
        try {
            return Decoded.ok(Json.mapper().treeToValue(campaign, Campaign.class));
        } catch (JsonProcessingException e) {
            return Decoded.refused("cannot read campaign: " + JsonErrors.describe(e));
        }
    }

    /** As {@link #decode}, for a definition written through the API: its rules' values are checked too. */
    public Decoded<Campaign> decodeWritten(JsonNode node) {
        Decoded<Campaign> decoded = decode(node);
        if (!decoded.ok()) {
            return decoded;
        }
        List<String> values = io.nbo.schemas.offers.RuleValues.violations(node);
        return values.isEmpty() ? decoded : Decoded.refused(values);
    }

    public static JsonSerde<Campaign> serde() {
        return SERDE;
    }
}
