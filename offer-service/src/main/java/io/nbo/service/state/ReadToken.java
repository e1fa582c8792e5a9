package io.nbo.service.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import org.apache.kafka.streams.query.Position;

/**
 * What a caller waits for to read its own writes (the collector's {@code readAfter}, the offer route's
 * {@code after}): positions in the input topics, and the logins among the events that merge a visitor's
 * session into a customer. That merge lands two Kafka hops after the login, at an offset the collector cannot
 * know, so the token names the pair instead, as {@code login:<customer>:<visitor>} with each id hashed: the
 * token stays short, opaque and safe in a URL whatever characters the ids hold.
 */
public record ReadToken(Position position, Set<Login> logins) {
    /** More logins than this in one batch (a bulk import) are left out of its token, to keep it usable in a URL. */
    public static final int MAX_LOGINS = 32;
    private static final String LOGIN = "login";

    /** A login that merges the visitor's session into the customer, both ids hashed. */
    public record Login(String customerHash, String visitorHash) {
        public static Login of(String customerId, String anonymousId) {
            return new Login(hash(customerId), hash(anonymousId));
        }
    }

    public ReadToken {
        logins = Set.copyOf(logins);
    }

    public static ReadToken of(Position position, List<Login> logins) {
        Set<Login> distinct = new LinkedHashSet<>(logins);
        return new ReadToken(position, distinct.size() > MAX_LOGINS ? Set.of() : distinct);
    }

    /** The token, or null when the text is not one this service could have handed out. */
    public static ReadToken parse(String text) {
        if (text == null || text.isBlank() || text.length() > 4096) {
            return null;
        }
        List<String> positions = new ArrayList<>();
        Set<Login> logins = new LinkedHashSet<>();
        // -1 keeps trailing empty items, so an empty item is refused wherever it stands.
        for (String item : text.split(",", -1)) {
            if (item.isBlank()) {
                return null;
            }
            String[] parts = item.trim().split(":");
            if (parts.length == 3 && parts[0].equals(LOGIN)) {
                if (!isHash(parts[1]) || !isHash(parts[2])) {
                    return null;
                }
                logins.add(new Login(parts[1], parts[2]));
            } else {
                positions.add(item);
            }
        }
        Position position = positions.isEmpty() ? Position.emptyPosition()
                : ReadPosition.parse(String.join(",", positions));
        return position == null ? null : new ReadToken(position, logins);
    }

    public String format() {
        List<String> items = new ArrayList<>();
        String positions = ReadPosition.format(position);
        if (!positions.isEmpty()) {
            items.add(positions);
        }
        logins.stream().map(login -> LOGIN + ':' + login.customerHash() + ':' + login.visitorHash())
                .sorted().forEach(items::add);
        return String.join(",", items);
    }

    /** Whether every login of the token into {@code customerId} is merged among the customer's {@code stitchedIds}. */
    public boolean mergedInto(String customerId, List<String> stitchedIds) {
        String customer = hash(customerId);
        for (Login login : logins) {
            if (login.customerHash().equals(customer)
                    && stitchedIds.stream().noneMatch(id -> hash(id).equals(login.visitorHash()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the token names a login into {@code customerId} at all. */
    public boolean hasLoginInto(String customerId) {
        String customer = hash(customerId);
        return logins.stream().anyMatch(login -> login.customerHash().equals(customer));
    }

    /** Whether the token names a login of the visitor {@code anonymousId}. */
    public boolean hasLoginOf(String anonymousId) {
        String visitor = hash(anonymousId);
        return logins.stream().anyMatch(login -> login.visitorHash().equals(visitor));
    }

    private static String hash(String id) {
        CRC32C crc = new CRC32C();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private static boolean isHash(String text) {
        return text.length() == 8 && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
