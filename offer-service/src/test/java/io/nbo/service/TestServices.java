package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.service.config.ServiceConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/** Starts the real service (embedded broker included) on free ports for integration tests. */
final class TestServices {
    static final String SITE_KEY = "test-site-key-0001";
    static final String AGENT_KEY = "test-agent-key-0001";
    static final String MARKETER_KEY = "test-marketer-key-0001";
    static final String ADMIN_KEY = "test-admin-key-0001";
    private TestServices() {
    }

    static ServiceConfig config(Path stateDir, int kafkaPort, int controllerPort) {
        return config(stateDir, Map.of("EMBEDDED_KAFKA_PORT", Integer.toString(kafkaPort),
                "EMBEDDED_CONTROLLER_PORT", Integer.toString(controllerPort)));
    }

    /** The service with the test defaults, its state in a new temporary directory named from {@code prefix}. */
    static OfferService start(String prefix) throws Exception {
        return OfferService.start(config(TempDirs.create(prefix), freePort(), freePort()));
    }

    /**
     * An instance of application {@code applicationId} keeping a standby copy of the others' stores: with
     * {@code bootstrap} null it starts the embedded broker, else it joins that one.
     */
    static ServiceConfig withStandby(Path stateDir, String applicationId, String bootstrap) {
        Map<String, String> overrides = new HashMap<>(Map.of("APPLICATION_ID", applicationId,
                "NUM_STANDBY_REPLICAS", "1"));
        if (bootstrap != null) {
            overrides.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        }
        return config(stateDir, overrides);
    }

    /** Closes the instances still running, later ones first: the first one holds the broker. */
    static void closeAll(OfferService... instances) {
        for (int i = instances.length - 1; i >= 0; i--) {
            if (instances[i] != null) {
                instances[i].close();
            }
        }
    }

    /** The test defaults with {@code overrides} on top (e.g. KAFKA_BOOTSTRAP_SERVERS to join a broker). */
    static ServiceConfig config(Path stateDir, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(ServiceConfig.DEFAULTS);
        values.put("PORT", "0");
        values.put("HOST", "127.0.0.1");
        values.put("STATE_DIR", stateDir.toString());
        values.put("EMBEDDED_KAFKA_PORT", Integer.toString(freePort()));
        values.put("EMBEDDED_CONTROLLER_PORT", Integer.toString(freePort()));
        values.put("TOPIC_PARTITIONS", "3");
        values.put("APPLICATION_ID", "nbo-test");
        // Greedy arbitration makes rankings deterministic; exploration has its own unit tests.
        values.put("POLICY", "greedy");
        values.put("API_KEYS", "site:" + SITE_KEY + ",agent:" + AGENT_KEY + ",marketer:" + MARKETER_KEY + ",admin:"
                + ADMIN_KEY);
        values.putAll(overrides);
        return ServiceConfig.fromMap(values);
    }

    /**
     * Twelve new customers (ids {@code prefix-<run>-<i>}), each with one purchase of {@code 10 + i} EUR posted
     * through {@code http}; the ids in order.
     */
    static List<String> buyers(Http http, String prefix) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> customers = IntStream.range(0, 12).mapToObj(i -> prefix + "-" + run + "-" + i).toList();
        for (int i = 0; i < customers.size(); i++) {
            assertThat(http.post("/v1/events", """
                    {"type":"purchase","eventId":"%1$s-p","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                     "amount":%3$d,"currency":"EUR"}""".formatted(customers.get(i), Instant.now(), 10 + i)).status())
                    .isEqualTo(202);
        }
        return customers;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
