package io.nbo.decisioning.contact;

import io.nbo.schemas.events.Channels;

/** At most {@code count} presentations on {@code channel} per customer within {@code windowMillis}. */
public record ChannelCap(String channel, int count, long windowMillis) {

    /** Parses {@code channel:count/hours h}, e.g. {@code email:1/24h}. */
    public static ChannelCap parse(String text) {
        String[] channelAndRest = text.trim().split(":", 2);
        String[] countAndWindow = channelAndRest.length == 2 ? channelAndRest[1].split("/", 2) : new String[0];
        if (countAndWindow.length != 2 || !countAndWindow[1].endsWith("h")) {
            throw new IllegalArgumentException("channel cap '" + text + "' is not of the form channel:count/hours h, "
                    + "e.g. email:1/24h");
        }
        try {
            int count = Integer.parseInt(countAndWindow[0].trim());
            double hours = Double.parseDouble(countAndWindow[1].substring(0, countAndWindow[1].length() - 1).trim());
            if (count < 0 || hours <= 0 || hours > 2160) {
                throw new IllegalArgumentException("channel cap '" + text + "' needs count >= 0 and 0 < hours <= 2160");
            }
            String channel = channelAndRest[0].trim();
            if (!Channels.ALL.contains(channel)) {
                // A misspelt channel would cap nothing, silently.
                throw new IllegalArgumentException("channel cap '" + text + "' names channel '" + channel
                        + "'; channels are " + String.join(", ", new java.util.TreeSet<>(Channels.ALL)));
            }
            return new ChannelCap(channel, count, (long) (hours * 3_600_000L));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("channel cap '" + text + "' has a non-numeric count or window");
        }
    }
}
