package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.schemas.decisions.DecisionRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingContactsTest {
    private final PendingContacts pending = new PendingContacts();

    @Test
    void shouldMergeDecisionsInFlightUntilTheHistoryShowsThem() {
        pending.record(decision("d-1", "c-1", 1_000));
        pending.record(decision("d-2", "c-1", 2_000));

        assertThat(pending.of("c-1", ContactHistory.EMPTY, 2_500)).extracting(Presentation::decisionId)
                .containsExactly("d-1", "d-2");
        ContactHistory recordedFirst = new ContactHistory(List.of(presentation("d-1", 1_000)), Map.of(), Map.of());
        assertThat(pending.of("c-1", recordedFirst, 2_500)).extracting(Presentation::decisionId)
                .containsExactly("d-2");
        assertThat(pending.of("c-1", ContactHistory.EMPTY, 2_500)).as("what the store showed is forgotten")
                .extracting(Presentation::decisionId).containsExactly("d-2");
    }

    @Test
    void shouldCountEachDecisionOnceInTheHistoryADecisionSees() {
        pending.record(decision("d-1", "c-1", 1_000));
        pending.record(decision("d-2", "c-1", 2_000));
        ContactHistory recordedFirst = new ContactHistory(List.of(presentation("d-1", 1_000)), Map.of(), Map.of());

        ContactHistory seen = pending.withInFlight("c-1", recordedFirst, 2_500);

        assertThat(seen.presentations()).extracting(Presentation::decisionId).containsExactly("d-1", "d-2");
        assertThat(pending.withInFlight("c-2", recordedFirst, 2_500)).as("nothing in flight").isSameAs(recordedFirst);
    }

    @Test
    void shouldExpireOnlyWhatIsOlderThanItsTimeToLive() {
        pending.record(decision("d-old", "c-old", 0));
        pending.record(decision("d-mixed-1", "c-mixed", 10));
        pending.record(decision("d-mixed-2", "c-mixed", PendingContacts.TTL_MILLIS));
        pending.record(decision("d-new", "c-new", PendingContacts.TTL_MILLIS + 5));

        pending.expire(PendingContacts.TTL_MILLIS + 10);

        assertThat(pending.size()).as("customers with something still in flight").isEqualTo(2);
        long now = PendingContacts.TTL_MILLIS + 10;
        assertThat(pending.of("c-old", ContactHistory.EMPTY, now)).isEmpty();
        assertThat(pending.of("c-mixed", ContactHistory.EMPTY, now)).extracting(Presentation::decisionId)
                .containsExactly("d-mixed-2");
        assertThat(pending.of("c-new", ContactHistory.EMPTY, now)).extracting(Presentation::decisionId)
                .containsExactly("d-new");
    }

    @Test
    void shouldForgetWhatTheTrackerHasProcessedOnItsPartition() {
        DecisionRecord first = decision("d-1", "c-1", 1_000);
        DecisionRecord second = decision("d-2", "c-1", 1_001);
        DecisionRecord elsewhere = decision("d-3", "c-2", 1_002);
        for (DecisionRecord each : List.of(first, second, elsewhere)) {
            pending.record(each);
        }
        pending.logged(first, 0, 10);
        pending.logged(second, 0, 11);
        pending.logged(elsewhere, 1, 5);

        pending.forgetRecorded(partition -> partition == 0 ? 10 : -1, id -> false);

        assertThat(pending.of("c-1", ContactHistory.EMPTY, 2_000)).as("only offset 10 of partition 0 is processed")
                .extracting(Presentation::decisionId).containsExactly("d-2");
        assertThat(pending.of("c-2", ContactHistory.EMPTY, 2_000)).as("partition 1 is not processed here")
                .extracting(Presentation::decisionId).containsExactly("d-3");
        pending.forgetRecorded(partition -> 11, id -> false);
        assertThat(pending.size()).isZero();
    }

    @Test
    void shouldCountAVisitorsDecisionsInFlightForTheCustomerTheVisitorBecame() {
        DecisionRecord asVisitor = decision("d-1", "visitor-1", 1_000);
        pending.record(asVisitor);
        pending.record(decision("d-2", "c-1", 1_100));
        pending.logged(asVisitor, 0, 10);

        pending.forgetRecorded(partition -> 10, id -> id.equals("visitor-1"));
        ContactHistory seen = pending.withInFlight("c-1", List.of("visitor-1"), ContactHistory.EMPTY, 1_200);

        assertThat(seen.presentations()).as("passed on to the customer, not in the customer's history yet")
                .extracting(Presentation::decisionId).containsExactly("d-1", "d-2");
        ContactHistory arrived = new ContactHistory(List.of(presentation("d-1", 1_000)), Map.of(), Map.of());
        assertThat(pending.withInFlight("c-1", List.of("visitor-1"), arrived, 1_300).presentations())
                .as("counted once when the customer's history has it").extracting(Presentation::decisionId)
                .containsExactly("d-1", "d-2");
        assertThat(pending.of("visitor-1", ContactHistory.EMPTY, 1_300)).as("then forgotten").isEmpty();
    }

    @Test
    void shouldForgetAnErasedCustomer() {
        pending.record(decision("d-1", "c-1", 1_000));
        pending.forget("c-1");
        assertThat(pending.of("c-1", ContactHistory.EMPTY, 1_000)).isEmpty();
        pending.expire(PendingContacts.TTL_MILLIS * 2);
        assertThat(pending.size()).isZero();
    }

    private static DecisionRecord decision(String decisionId, String customerId, long at) {
        DecisionRecord.Candidate shown = new DecisionRecord.Candidate("o-1", "camp-1", "books", "web|books", 0.1,
                0.1, 1, 10, 1, 1, 1, 1);
        DecisionRecord.Candidate notShown = new DecisionRecord.Candidate("o-2", "camp-1", "garden", "web|garden",
                0.1, 0.1, 1, 10, 1, 0.5, 0, 0);
        return new DecisionRecord(decisionId, customerId, at, "web", "home", "thompson", List.of(shown, notShown),
                List.of("o-1"), List.of(), false, "contact", "low");
    }

    private static Presentation presentation(String decisionId, long at) {
        return new Presentation(decisionId, "o-1", "camp-1", "books", "web", "web|books", at, false, false, false);
    }
}
