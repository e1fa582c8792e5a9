package io.nbo.service.config;

import io.nbo.decisioning.contact.ChannelCap;
import io.nbo.service.access.ApiKey;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one setting each, typed and checked, with a message naming the setting and what it takes. */
record SettingsReader(Map<String, String> values) {
    String text(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(key + " must not be empty");
        }
        return value.trim();
    }

    int integer(String key, int min, int max) {
        String value = text(key);
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new InvalidConfigException(key + " must be between " + min + " and " + max + ", got "
                        + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be a whole number, got '" + value + "'");
        }
    }

    String oneOf(String key, String... allowed) {
        String value = text(key);
        if (!List.of(allowed).contains(value)) {
            throw new InvalidConfigException(key + " must be one of " + String.join(", ", allowed) + ", got '"
                    + value + "'");
        }
        return value;
    }

    /** A region such as Europe/Berlin follows its daylight saving; a fixed offset such as +01:00 does not. */
    java.time.ZoneId timeZone(String key) {
        String value = text(key);
        try {
            return java.time.ZoneId.of(value);
        } catch (java.time.DateTimeException e) {
            throw new InvalidConfigException(key + ": '" + value + "' is no time zone; write a region such as"
                    + " Europe/Berlin or America/New_York, an offset such as +01:00, or UTC");
        }
    }

    /** Names topics, stores and the consumer group: Kafka allows only these characters in a topic's name. */
    String applicationId(String key) {
        String value = text(key);
        if (!value.matches("[a-zA-Z0-9._-]{1,200}")) {
            throw new InvalidConfigException(key + " may hold only letters, digits, '.', '_' and '-' (at most 200),"
                    + " since Kafka topic names start with it; got '" + value + "'");
        }
        return value;
    }

    /** {@code *}, or origins as browsers send them: scheme://host[:port], without a path. */
    List<String> origins(String key) {
        List<String> origins = List.of(text(key).split("\\s*,\\s*", -1));
        for (String origin : origins) {
            if (!origin.equals("*") && !(origin.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:?#]+(:\\d{1,5})?")
                    && acceptedByCors(origin))) {
                throw new InvalidConfigException(key + ": '" + origin + "' is no origin; write scheme://host[:port]"
                        + " (https://shop.example), or * for any");
            }
        }
        return origins;
    }

    /** An origin as a browser sends it: http or https, a host name or bracketed IPv6 address, a port. */
    private static final java.util.regex.Pattern FRAME_ORIGIN = java.util.regex.Pattern.compile(
            "(?i)https?://(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+])(?::(\\d{1,5}))?");

    /** Origins whose pages may frame the screens (an agent desktop, a CRM): none unless listed, never any. */
    java.util.Set<String> eventTypes(String key) {
        String value = values.getOrDefault(key, "").trim();
        java.util.Set<String> types = new java.util.TreeSet<>();
        if (value.equals("all")) {
            java.util.Arrays.stream(io.nbo.schemas.events.EventType.values()).forEach(t -> types.add(t.wireName()));
            return java.util.Collections.unmodifiableSet(types);
        }
        for (String type : value.split("\\s*,\\s*", -1)) {
            if (io.nbo.schemas.events.EventType.fromWireName(type).isEmpty()) {
                throw new InvalidConfigException(key + ": '" + type + "' is no event type; write all, or some of "
                        + io.nbo.schemas.events.EventType.knownWireNames() + ", comma-separated");
            }
            types.add(type);
        }
        return java.util.Collections.unmodifiableSet(types);
    }

    java.util.Set<String> channels(String key) {
        java.util.Set<String> channels = new java.util.TreeSet<>();
        for (String channel : values.getOrDefault(key, "").trim().split("\\s*,\\s*", -1)) {
            if (!io.nbo.schemas.events.Channels.ALL.contains(channel)) {
                throw new InvalidConfigException(key + ": '" + channel + "' is no channel; channels are "
                        + String.join(", ", new java.util.TreeSet<>(io.nbo.schemas.events.Channels.ALL))
                        + ", comma-separated");
            }
            channels.add(channel);
        }
        return java.util.Collections.unmodifiableSet(channels);
    }

    List<String> frameOrigins(String key) {
        String value = values.getOrDefault(key, "").trim();
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> origins = List.of(value.split("\\s*,\\s*", -1));
        for (String origin : origins) {
            java.util.regex.Matcher parts = FRAME_ORIGIN.matcher(origin);
            if (!parts.matches() || (parts.group(1) != null && Integer.parseInt(parts.group(1)) > 65535)) {
                throw new InvalidConfigException(key + ": '" + origin + "' is no origin; write scheme://host[:port]"
                        + " (https://crm.example), comma-separated");
            }
        }
        return origins;
    }

    /** Whether the CORS handler the routes use takes {@code origin}: it refuses what it cannot match, late. */
    private static boolean acceptedByCors(String origin) {
        try {
            CorsHandler.create().addOrigin(origin);
            return true;
        } catch (IllegalStateException | IllegalArgumentException e) {
            return false;
        }
    }

    /** What other instances connect to: a host name or an IP address, without a port. */
    String host(String key) {
        String value = text(key);
        if (!value.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+]")) {
            throw new InvalidConfigException(key + ": '" + value + "' is no host name or IP address");
        }
        return value;
    }

    /** Empty for the embedded broker; otherwise host:port pairs, comma-separated. */
    String bootstrapServers(String key) {
        String value = values.getOrDefault(key, "").trim();
        for (String server : value.isEmpty() ? new String[0] : value.split(",", -1)) {
            if (!server.trim().matches("([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+]):\\d{1,5}")) {
                throw new InvalidConfigException(key + ": '" + server.trim() + "' is no host:port"
                        + " (kafka-1:9092,kafka-2:9092)");
            }
        }
        return value;
    }

    /** Optional; when given, as hard to guess as a key. */
    String secret(String key) {
        String value = values.getOrDefault(key, "").trim();
        if (!value.isEmpty() && value.length() < 16) {
            throw new InvalidConfigException(key + " must be at least 16 characters when set, as keys are");
        }
        return value;
    }

    List<ChannelCap> channelCaps(String key) {
        String value = values.getOrDefault(key, "").trim();
        if (value.isEmpty()) {
            // A template passing an unset variable on would otherwise lift the caps.
            throw new InvalidConfigException(key + " must not be empty: write none for no channel caps");
        }
        List<ChannelCap> caps = new ArrayList<>();
        if (value.equals("none")) {
            return caps;
        }
        for (String part : value.split(",", -1)) {
            ChannelCap cap;
            try {
                cap = ChannelCap.parse(part);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(key + ": " + e.getMessage());
            }
            if (caps.stream().anyMatch(other -> other.channel().equals(cap.channel()))) {
                throw new InvalidConfigException(key + " names channel " + cap.channel() + " twice; one cap per"
                        + " channel");
            }
            caps.add(cap);
        }
        return caps;
    }

    List<ApiKey> apiKeys(String key) {
        try {
            return ApiKey.parseList(values.getOrDefault(key, ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key + ": " + e.getMessage());
        }
    }

    boolean bool(String key) {
        String value = text(key).toLowerCase();
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidConfigException(key + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
