package io.nbo.load.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks for offers on the product placement over HTTP while the faults happen, round robin over customers and
 * instances, a killed or frozen one included. Which decisions were made is what the decisions topic says,
 * since a decision whose answer was lost may still have been logged; the answers that did arrive are kept
 * to tell which decisions were shown to a customer but never logged, and who made each one.
 */
final class DecisionTraffic implements AutoCloseable {
    static final String PRODUCT_OFFER = "fault-garden";
    static final String PRODUCT_CAMPAIGN = "fault-product";
    /** The product campaign shows its offer at most this often per customer in 24 h. */
    static final int PRODUCT_CAP = 2;

    /** A decision answered with 200: whether it showed the product offer, which instance made it, and when. */
    record Answer(String customerId, String decisionId, boolean showedProductOffer, String decidedBy,
                  double atSeconds) {
    }

    private final ServiceApi api;
    private final List<ServiceNode> nodes;
    private final List<String> customers;
    private final long pauseMillis;
    private final Timeline timeline;
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean stopped;

    DecisionTraffic(ServiceApi api, List<ServiceNode> nodes, List<String> customers, long pauseMillis,
                    Timeline timeline) {
        this.api = api;
        this.nodes = nodes;
        this.customers = customers;
        this.pauseMillis = pauseMillis;
        this.timeline = timeline;
        this.thread = new Thread(this::run, "product-decisions");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Answers by status (or error), e.g. {200=150, 503=4, ConnectException=7}. */
    Map<String, Integer> statuses() {
        return Map.copyOf(statuses);
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    private void run() {
        for (long n = 0; !stopped; n++) {
            String customerId = customers.get((int) (n % customers.size()));
            // Shifting by one each round sends every customer to both instances in turn.
            ServiceNode node = nodes.get((int) ((n / customers.size() + n) % nodes.size()));
            try {
                ask(node, customerId);
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void ask(ServiceNode node, String customerId) throws InterruptedException {
        String outcome;
        try {
            ServiceApi.Reply reply = api.get(node.url(), "/v1/customers/" + customerId
                    + "/offers?channel=web&placement=product&limit=1");
            outcome = Integer.toString(reply.status());
            if (reply.status() == 200) {
                JsonNode decision = reply.json();
                answers.add(new Answer(customerId, decision.path("decisionId").asText(),
                        PRODUCT_OFFER.equals(decision.at("/offers/0/offerId").asText()),
                        decision.path("decidedBy").asText(), timeline.seconds()));
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
        }
        statuses.merge(outcome, 1, Integer::sum);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(15_000);
    }
}
