package io.nbo.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {

    @Test
    void shouldWorkOutOfTheBoxWithAnEmbeddedBroker() {
        ServiceConfig config = ServiceConfig.load(null, Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.embeddedKafka()).isTrue();
        assertThat(config.stateDir()).isEqualTo(Path.of("./data"));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.commitIntervalMs()).isEqualTo(100);
        assertThat(config.ruleTimeZone().normalized()).as("rules read the hour in UTC until told").isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void shouldReadTheRulesTimeZoneAsARegionOrAnOffset() {
        assertThat(ServiceConfig.load(null, Map.of("RULES_TIME_ZONE", "Europe/Berlin")).ruleTimeZone())
                .isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(ServiceConfig.load(null, Map.of("RULES_TIME_ZONE", "+05:30")).ruleTimeZone())
                .isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        for (String bad : List.of("Berlin", "CEST", "+25:00", "utc")) {
            assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("RULES_TIME_ZONE", bad))).as(bad)
                    .hasMessage("RULES_TIME_ZONE: '" + bad + "' is no time zone; write a region such as Europe/Berlin"
                            + " or America/New_York, an offset such as +01:00, or UTC");
        }
    }

    @Test
    void shouldHandTheCommitIntervalToKafkaStreams() {
        ServiceConfig config = ServiceConfig.load(null, Map.of("COMMIT_INTERVAL_MS", "500"));

        java.util.Properties streams = io.nbo.topology.StreamsSettings.properties("app", "localhost:9092", "/tmp/s",
                "localhost:8080", 1, 1, 0, config.commitIntervalMs(), config.rocksDbMemoryBytes(), config.maxCopyLag());

        assertThat(streams.get(org.apache.kafka.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(500L);
        assertThat(streams.get(org.apache.kafka.streams.StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG))
                .as("a copy that may not answer may not take customers over either").isEqualTo(100L);
        assertThat(streams.get(io.nbo.topology.SharedRocksDbMemory.BUDGET_CONFIG)).as("ROCKSDB_MEMORY_MB's default")
                .isEqualTo(256L * 1024 * 1024);
        assertThat(ServiceConfig.load(null, Map.of("ROCKSDB_MEMORY_MB", "4096")).rocksDbMemoryBytes())
                .as("beyond an int of bytes").isEqualTo(4096L * 1024 * 1024);
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("ROCKSDB_MEMORY_MB", "32")))
                .as("below what the stores' idle memtables take").hasMessage("ROCKSDB_MEMORY_MB must be between 64 and 1048576, got 32");
        assertThat(ServiceConfig.load(null, Map.of()).startTimeout()).as("room for a long restore")
                .isEqualTo(java.time.Duration.ofMinutes(10));
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("START_TIMEOUT_MS", "500")))
                .hasMessage("START_TIMEOUT_MS must be between 10000 and 86400000, got 500");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("COMMIT_INTERVAL_MS", "5")))
                .hasMessage("COMMIT_INTERVAL_MS must be between 10 and 10000, got 5");
        // Kafka Streams refuses a commit interval longer than its transactions' timeout (10 s).
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("COMMIT_INTERVAL_MS", "30000")))
                .hasMessage("COMMIT_INTERVAL_MS must be between 10 and 10000, got 30000");
    }

    @Test
    void shouldLetTheFileOverrideDefaultsAndTheEnvironmentOverrideTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nbo.properties");
        Files.writeString(file, "PORT=9000\nSTATE_DIR=/var/nbo\nTOPIC_PARTITIONS=12\n");

        ServiceConfig config = ServiceConfig.load(file, Map.of("PORT", "9100",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092", "UNRELATED", "x",
                "API_KEYS", "site:site-key-0123456789"));

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/nbo"));
        assertThat(config.topicPartitions()).isEqualTo(12);
        assertThat(config.embeddedKafka()).isFalse();
        assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
    }

    @Test
    void shouldNameTheBadSettingAndWhatIsExpected(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("PORT", "eighty")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("PORT must be a whole number, got 'eighty'");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("TOPIC_PARTITIONS", "0")))
                .hasMessage("TOPIC_PARTITIONS must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("DEMO_CATALOGUE", "yes")))
                .hasMessage("DEMO_CATALOGUE must be true or false, got 'yes'");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("CHANNEL_CAPS", "web:2/1h,callcentre:1/24h")))
                .hasMessageStartingWith("CHANNEL_CAPS: channel cap 'callcentre:1/24h' names channel 'callcentre'");
        Path file = dir.resolve("nbo.properties");
        Files.writeString(file, "PROT=9000\n");
        assertThatThrownBy(() -> ServiceConfig.load(file, Map.of())).hasMessageStartingWith("unknown setting PROT");
        assertThatThrownBy(() -> ServiceConfig.load(Path.of("/nope/x.properties"), Map.of()))
                .hasMessage("config file /nope/x.properties does not exist");
    }

    @Test
    void shouldRefuseValuesThatWouldOnlyFailLaterOrQuietly() {
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("APPLICATION_ID", "bad id!")))
                .hasMessageStartingWith("APPLICATION_ID may hold only letters, digits");
        for (String origin : List.of("not a url", "shop.example.com", "https://shop.example/path")) {
            assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("CORS_ORIGINS", origin))).as(origin)
                    .hasMessage("CORS_ORIGINS: '" + origin + "' is no origin; write scheme://host[:port]"
                            + " (https://shop.example), or * for any");
        }
        assertThat(ServiceConfig.load(null, Map.of("CORS_ORIGINS", "https://shop.example, http://localhost:3000"))
                .corsOrigins()).containsExactly("https://shop.example", "http://localhost:3000");
        assertThat(ServiceConfig.load(null, Map.of()).pageFrameOrigins()).as("framed by no other site").isEmpty();
        assertThat(ServiceConfig.load(null, Map.of("PAGE_FRAME_ORIGINS", "https://crm.example, http://desk:8443"))
                .pageFrameOrigins()).containsExactly("https://crm.example", "http://desk:8443");
        assertThat(ServiceConfig.load(null, Map.of("PAGE_FRAME_ORIGINS", "HTTPS://CRM.EXAMPLE,http://[::1]:8080"))
                .pageFrameOrigins()).containsExactly("HTTPS://CRM.EXAMPLE", "http://[::1]:8080");
        for (String origin : List.of("*", "crm.example", "https://crm.example/desk", "https://a.example 'self'",
                "https://crm.example:99999", "https://*.example")) {
            assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("PAGE_FRAME_ORIGINS", origin))).as(origin)
                    .hasMessage("PAGE_FRAME_ORIGINS: '" + origin + "' is no origin; write scheme://host[:port]"
                            + " (https://crm.example), comma-separated");
        }
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("CHANNEL_CAPS", " ")))
                .hasMessage("CHANNEL_CAPS must not be empty: write none for no channel caps");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("CHANNEL_CAPS", "email:2/24h,email:1/24h")))
                .hasMessage("CHANNEL_CAPS names channel email twice; one cap per channel");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("CORS_ORIGINS", "https://a.example,")))
                .hasMessage("CORS_ORIGINS: '' is no origin; write scheme://host[:port] (https://shop.example), or * for any");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("ADVERTISED_HOST", "bad host")))
                .hasMessage("ADVERTISED_HOST: 'bad host' is no host name or IP address");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "::nonsense",
                "API_KEYS", "admin:0123456789abcdef"))).hasMessage("KAFKA_BOOTSTRAP_SERVERS: '::nonsense' is no host:port"
                + " (kafka-1:9092,kafka-2:9092)");
        assertThat(ServiceConfig.load(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092, 10.0.0.2:9092,[::1]:9092",
                "API_KEYS", "admin:0123456789abcdef")).embeddedKafka()).isFalse();
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("EMBEDDED_KAFKA_PORT", "0")))
                .hasMessage("EMBEDDED_KAFKA_PORT must be between 1 and 65535, got 0");
        assertThat(ServiceConfig.load(null, Map.of("CHANNEL_CAPS", "none")).channelCaps()).isEmpty();
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("FORWARDING_SECRET", "x")))
                .hasMessage("FORWARDING_SECRET must be at least 16 characters when set, as keys are");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("EMBEDDED_KAFKA_PORT", "29000",
                "EMBEDDED_CONTROLLER_PORT", "29000"))).hasMessage("EMBEDDED_CONTROLLER_PORT and EMBEDDED_KAFKA_PORT are"
                + " both 29000: each needs a port of its own");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("PORT", "9092")))
                .hasMessage("EMBEDDED_KAFKA_PORT and PORT are both 9092: each needs a port of its own");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("REPLICATION_FACTOR", "2")))
                .hasMessage("REPLICATION_FACTOR must be 1 with the embedded broker, which is one broker; got 2");
    }

    @Test
    void shouldRefuseToStartOnAPortInUseNamingTheSetting() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> FreePorts.require("EMBEDDED_KAFKA_PORT", "localhost", taken.getLocalPort()))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageStartingWith("EMBEDDED_KAFKA_PORT: port " + taken.getLocalPort() + " on localhost is in use");
        }
        assertThatThrownBy(() -> FreePorts.require("PORT", "not a host", 8080)).hasMessageStartingWith("HOST 'not a host'");
    }

    @Test
    void shouldNameAStateDirectoryThatCannotBeCreated(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir.txt"), "");
        ServiceConfig config = ServiceConfig.load(null, Map.of("STATE_DIR", file.resolve("state").toString(),
                "PORT", Integer.toString(freePort()), "EMBEDDED_KAFKA_PORT", Integer.toString(freePort()),
                "EMBEDDED_CONTROLLER_PORT", Integer.toString(freePort())));

        assertThatThrownBy(() -> io.nbo.service.OfferService.start(config)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("STATE_DIR: " + file.resolve("state").toAbsolutePath() + " cannot be created");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldRefuseAStateDirectoryAnotherInstanceHolds(@TempDir Path dir) throws Exception {
        try (StateDirLock held = StateDirLock.acquire(dir)) {
            assertThatThrownBy(() -> StateDirLock.acquire(dir)).isInstanceOf(InvalidConfigException.class)
                    .hasMessageStartingWith("STATE_DIR: " + dir + " is in use by another running instance");
        }
        StateDirLock.acquire(dir).close();
    }

    @Test
    void shouldReadApiKeysPerRoleAndNeverEchoASecret() {
        ServiceConfig config = ServiceConfig.load(null, Map.of("API_KEYS",
                "site:site-key-0123456789, admin:admin-key-0123456789,site:site-key-rotated-0001"));

        assertThat(config.apiKeys()).extracting(key -> key.role().id()).containsExactly("site", "admin", "site");
        assertThat(config.describe().get("API_KEYS")).isEqualTo("roles: admin, site");
        assertThat(config.describe().toString()).doesNotContain("key-0123456789");
        assertThat(config.describe()).as("embedded").containsKeys("EMBEDDED_KAFKA_PORT", "DEMO_CATALOGUE");
        assertThat(config.siteKeyChannels()).containsExactly("app", "store", "web");
        assertThat(config.siteKeyGivesConsent()).isTrue();
        assertThat(ServiceConfig.load(null, Map.of("SITE_KEY_CHANNELS", "web, email", "SITE_KEY_CONSENTS", "withdraw")))
                .satisfies(c -> assertThat(c.siteKeyChannels()).containsExactly("email", "web"))
                .satisfies(c -> assertThat(c.siteKeyGivesConsent()).isFalse());
        assertThat(config.siteKeyEvents()).contains("purchase", "page_view", "offer_response").hasSize(17);
        assertThat(ServiceConfig.load(null, Map.of("SITE_KEY_EVENTS", "page_view, offer_response")).siteKeyEvents())
                .containsExactly("offer_response", "page_view");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("SITE_KEY_EVENTS", "page_view,purchases")))
                .hasMessageStartingWith("SITE_KEY_EVENTS: 'purchases' is no event type; write all, or some of ");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("SITE_KEY_CHANNELS", "web,fax")))
                .hasMessage("SITE_KEY_CHANNELS: 'fax' is no channel; channels are app, call-centre, email, sms, store,"
                        + " web, comma-separated");
        assertThat(ServiceConfig.load(null, Map.of("API_KEYS", "admin:admin-key-0123456789",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092")).describe()).as("joining a cluster starts no broker")
                .doesNotContainKeys("EMBEDDED_KAFKA_PORT", "EMBEDDED_CONTROLLER_PORT", "DEMO_CATALOGUE")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("API_KEYS", "owner:owner-key-0123456789")))
                .hasMessage("API_KEYS: unknown role 'owner'; roles are site, agent, marketer, admin");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("API_KEYS", "site-key-0123456789abc:site")))
                .as("a key written where the role belongs is not echoed")
                .hasMessageNotContaining("0123456789abc");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("API_KEYS", "site:short")))
                .hasMessage("API_KEYS: the site key is shorter than 16 characters");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092")))
                .hasMessageStartingWith("API_KEYS must be set when KAFKA_BOOTSTRAP_SERVERS is");
    }
}
