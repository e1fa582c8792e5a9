package io.nbo.service;

import io.nbo.service.config.ServiceConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
