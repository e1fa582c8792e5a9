package io.nbo.topology;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.nbo.decisioning.contact.CampaignExposure;
import io.nbo.decisioning.contact.OfferContact;
import io.nbo.decisioning.contact.OrderCredit;
import io.nbo.decisioning.contact.Presentation;
import java.util.Map;

/**
 * How the contact-history store lays out its repeated records: as positional arrays, without field names
 * (and, see {@link io.nbo.schemas.json.JsonSerde#binaryCached(Class, long, Map)}, with repeated strings
 * written once). The topology rewrites a customer's whole history, up to a hundred presentations, for every
 * decision and response, and sends each version to the changelog: a full history took 11.5 KB with named
 * fields and takes 6.4 KB so, a one-presentation history 287 B and now 174 B. The order is fixed here, not
 * taken from the records, so reordering a record's components cannot scramble stored state. A new component
 * goes at the end of its list (older arrays then read it as absent); a position is never reused or removed,
 * since every later value would then be read into the wrong component without an error: a component that
 * goes away keeps its place (as an ignored component of the record).
 */
final class StoredHistoryLayout {
    private StoredHistoryLayout() {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"decisionId", "offerId", "campaignId", "category", "channel", "segment", "at", "control",
            "succeeded", "converted", "outcomes"})
    private interface PresentationAsArray {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"orderId", "decisionId", "offerId", "held", "at", "revenue", "orderShare", "items"})
    private interface OrderCreditAsArray {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"productId", "quantity", "unitValue"})
    private interface CreditedItemAsArray {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"declinesInRow", "lastDeclineAt", "ignoresInRow", "lastIgnoreAt", "lastAcceptAt"})
    private interface OfferContactAsArray {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"control", "firstAt", "converted", "revenue", "crossed", "segments", "credits"})
    private interface CampaignExposureAsArray {
    }

    static final Map<Class<?>, Class<?>> MIX_INS = Map.of(
            Presentation.class, PresentationAsArray.class,
            OrderCredit.class, OrderCreditAsArray.class,
            OrderCredit.CreditedItem.class, CreditedItemAsArray.class,
            OfferContact.class, OfferContactAsArray.class,
            CampaignExposure.class, CampaignExposureAsArray.class);
}
