package io.nbo.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SendOrderTest {
    private final SendOrder<String> order = new SendOrder<>();
    private final List<String> handedOver = new ArrayList<>();

    private CompletableFuture<String> send(String key, String record) {
        return order.send(key, () -> {
            handedOver.add(record);
            return CompletableFuture.completedFuture(record + " written");
        });
    }

    @Test
    void shouldHoldSendsBehindTheRecordInFlightAndReleaseThemInTheOrderTheyCame() {
        CompletableFuture<String> decision = new CompletableFuture<>();
        order.mustFollow("c-1", decision);

        CompletableFuture<String> first = send("c-1", "view");
        CompletableFuture<String> second = send("c-1", "click");
        CompletableFuture<String> third = send("c-1", "purchase");
        send("c-2", "other customer");

        assertThat(handedOver).as("only the other customer's record leaves before the decision")
                .containsExactly("other customer");
        assertThat(first).isNotDone();

        decision.complete("decision written");

        assertThat(handedOver).containsExactly("other customer", "view", "click", "purchase");
        assertThat(List.of(first.join(), second.join(), third.join()))
                .containsExactly("view written", "click written", "purchase written");
        assertThat(order.waitingKeys()).as("nothing left to follow").isZero();
    }

    @Test
    void shouldReleaseWaitingSendsWhenTheRecordInFlightFailsAndSendAtOnceWhenNothingIsInFlight() {
        CompletableFuture<String> decision = new CompletableFuture<>();
        order.mustFollow("c-1", decision);
        CompletableFuture<String> waiting = send("c-1", "response");

        decision.completeExceptionally(new IllegalStateException("broker gone"));

        assertThat(waiting.join()).as("the response is not lost with the decision").isEqualTo("response written");
        assertThat(send("c-1", "later").isDone()).isTrue();
        assertThat(handedOver).containsExactly("response", "later");
        assertThat(order.waitingKeys()).isZero();
    }
}
