package io.nbo.schemas.validation;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Event-time rules shared by every contract: accepted forms and the plausible range. */
public final class Timestamps {
    /** Clocks drift; a day ahead is the most a real producer's clock is trusted to be. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);
    /** Nothing this service keeps state for happened before this. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The last moment with a four-digit year: later ones are typing slips, or "never" written as a huge number. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Timestamps() {
    }

    /** Epoch millis from a number or an ISO-8601 instant/offset date-time; empty if neither. */
    public static Optional<Long> parse(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            return Optional.of(((Number) raw).longValue());
        }
        if (raw instanceof Number number) {
            // Whole milliseconds within a long only: a bigger number would otherwise wrap round to some other time.
            try {
                return Optional.of(new java.math.BigDecimal(number.toString()).longValueExact());
            } catch (ArithmeticException | NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (raw instanceof String text) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
            } catch (DateTimeException | ArithmeticException e) {
                // A year such as +999999999 parses, but lies beyond the milliseconds a long holds.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Replaces an optional time field of {@code node} by epoch millis, or adds a violation naming it. */
    public static void normaliseField(com.fasterxml.jackson.databind.node.ObjectNode node, String field,
                                      java.util.List<String> violations) {
        com.fasterxml.jackson.databind.JsonNode raw = node.get(field);
        if (raw == null || raw.isNull()) {
            node.remove(field);
            return;
        }
        parse(raw.isNumber() ? raw.numberValue() : raw.asText()).ifPresentOrElse(value -> node.put(field, value),
                () -> violations.add(unreadable(field, raw, raw.asText())));
    }

    /**
     * The violation for a time that does not parse, {@code shown} being how the value is quoted back: a number
     * beyond the milliseconds a long holds is said to be out of range, and digits sent as a string are told to go as
     * a number.
     */
    public static String unreadable(String field, com.fasterxml.jackson.databind.JsonNode raw, String shown) {
        if (raw.isNumber()) {
            return "$." + field + ": " + shown + " is beyond the times this service can hold (epoch milliseconds)";
        }
        String why = unreadable(field, shown);
        return raw.isTextual() && raw.asText().matches("-?[0-9]+([.][0-9]+)?")
                ? why + "; epoch milliseconds go as a JSON number, without quotes" : why;
    }

    /** The violation for a time that does not parse; names the missing zone when that is all that is wrong. */
    public static String unreadable(String field, String raw) {
        try {
            OffsetDateTime.parse(raw);
            return "$." + field + ": '" + raw + "' is beyond the times this service can hold (epoch milliseconds)";
        } catch (DateTimeParseException e) {
            // not a date-time at all: said below
        }
        String why = "$." + field + ": '" + raw + "' is neither epoch milliseconds nor an ISO-8601 date-time";
        try {
            java.time.LocalDateTime.parse(raw);
            return why + " with a zone offset (add Z for UTC, or an offset such as +01:00)";
        } catch (DateTimeParseException e) {
            return why;
        }
    }

    /**
     * Normalises the optional {@code validFrom} and {@code validTo} of a definition (an offer, a campaign) to
     * epoch millis, adding a violation when either is unreadable or the window ends before it starts.
     */
    public static void normaliseValidity(com.fasterxml.jackson.databind.node.ObjectNode node,
                                         java.util.List<String> violations) {
        normaliseField(node, "validFrom", violations);
        normaliseField(node, "validTo", violations);
        if (violations.isEmpty() && node.has("validFrom") && node.has("validTo")
                && node.get("validTo").asLong() <= node.get("validFrom").asLong()) {
            violations.add("$.validTo: must be after validFrom");
        }
    }

    /**
     * A validity bound after {@link #LATEST}, or before {@link #EARLIEST}, as no writer that can still be told means
     * one: as milliseconds a number in epoch seconds reads as a day in January 1970, which makes an offer always
     * valid or never, and an ISO time before 1970 is no epoch milliseconds the stored contract takes. Asked of writers that can still be
     * told (HTTP); definitions already on the topics keep working as written.
     */
    public static Optional<String> outOfRangeForAWrite(String field, com.fasterxml.jackson.databind.JsonNode raw) {
        if (raw == null || !(raw.isIntegralNumber() || raw.isTextual())) {
            return Optional.empty();
        }
        Optional<Long> parsed = parse(raw.isTextual() ? raw.asText() : raw.numberValue());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        long value = parsed.get();
        if (value > LATEST.toEpochMilli()) {
            return Optional.of("$." + field + ": " + (raw.isTextual() ? "'" + raw.asText() + "'" : value) + " reads as "
                    + Instant.ofEpochMilli(value) + ", after " + LATEST + ", the latest time this service takes"
                    + ("validTo".equals(field) ? " (leave validTo out for no end)" : ""));
        }
        if (value >= EARLIEST.toEpochMilli()) {
            return Optional.empty();
        }
        String why = "$." + field + ": " + (raw.isTextual() ? "'" + raw.asText() + "'" : value) + " reads as "
                + Instant.ofEpochMilli(value) + ", before " + EARLIEST + ", the earliest time this service takes";
        if (raw.isIntegralNumber() && value >= EARLIEST.getEpochSecond() && value <= LATEST.getEpochSecond()) {
            return Optional.of(why + "; times are epoch milliseconds, and in seconds it would be "
                    + Instant.ofEpochSecond(value) + ": multiply by 1000");
        }
        return Optional.of(why);
    }

    /** Why an epoch-millis time is implausible, or empty when it is fine. */
    public static Optional<String> implausibility(String field, long epochMillis, Clock clock) {
        Instant instant = Instant.ofEpochMilli(epochMillis);
        Instant latest = clock.instant().plus(MAX_FUTURE_SKEW);
        if (instant.isBefore(EARLIEST)) {
            Instant asSeconds = epochMillis > 0 && epochMillis < Long.MAX_VALUE / 1000
                    ? Instant.ofEpochMilli(epochMillis * 1000) : null;
            boolean seconds = asSeconds != null && !asSeconds.isBefore(EARLIEST) && !asSeconds.isAfter(latest);
            return Optional.of("$." + field + ": " + instant + " is before " + EARLIEST + (seconds ? "; times are epoch"
                    + " milliseconds, and " + epochMillis + " reads as " + asSeconds + " in seconds: multiply by 1000" : ""));
        }
        if (instant.isAfter(latest)) {
            Instant asMicros = Instant.ofEpochMilli(epochMillis / 1000);
            boolean micros = !asMicros.isBefore(EARLIEST) && !asMicros.isAfter(latest);
            return Optional.of("$." + field + ": " + instant + " is more than " + MAX_FUTURE_SKEW.toHours()
                    + " hours in the future" + (micros ? "; times are epoch milliseconds, and " + epochMillis
                    + " reads as " + asMicros + " in microseconds: divide by 1000" : ""));
        }
        return Optional.empty();
    }
}
