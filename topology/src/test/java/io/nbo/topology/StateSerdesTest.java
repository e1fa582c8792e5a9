package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.contact.CampaignExposure;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.OfferContact;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.schemas.json.JsonSerde;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateSerdesTest {

    /** The contact-history serde answers with what it wrote; that is only right if decoding gives it back. */
    @Test
    void shouldDecodeAContactHistoryToExactlyWhatWasWritten() {
        ContactHistory history = new ContactHistory(List.of(
                new Presentation("d1", "o1", "k1", "books", "web", "web/top", 1_000, false, true, false,
                        Set.of("click", "accept")),
                new Presentation("d1", "o2", "k2", "music", "web", null, 1_000, true, false, false, null),
                new Presentation("d2", "o1", "k1", "books", "email", "email/low", 2_000, false, false, true,
                        Set.of("convert"))),
                Map.of("o1", new OfferContact(2, 1_500L, 1, null, 900L), "o2", OfferContact.NONE),
                Map.of("k1", new CampaignExposure(false, 1_000, true, 12.5), "k2",
                        new CampaignExposure(true, 1_000, false, 0)));

        byte[] written = StateSerdes.CONTACT_HISTORY.toBytes(history);

        assertThat(JsonSerde.binary(ContactHistory.class).fromBytes(written)).isEqualTo(history);
        assertThat(StateSerdes.CONTACT_HISTORY.fromBytes(written)).isSameAs(history);
    }
}
