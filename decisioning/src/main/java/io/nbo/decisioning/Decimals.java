package io.nbo.decisioning;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers in reasons, written as {@code String.format("%.Nf")} writes them (half up, on the shortest decimal
 * that reads back as the double), without the formatter: reasons are written for every candidate of every
 * decision, and both the formatter and {@link BigDecimal} showed up in profiles of the offer route.
 */
public final class Decimals {
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    /** Below this the scaled double is exact to far better than {@link #TIE_MARGIN}, so rounding it is safe. */
    private static final double FAST_LIMIT = 1e9;
    private static final double TIE_MARGIN = 1e-4;

    private Decimals() {
    }

    /** A count in words, rounded to a whole number (learned evidence fades): "1 presentation", "12 presentations". */
    public static String counted(double count, String one, String many) {
        String rounded = fixed(count, 0);
        return rounded + " " + ("1".equals(rounded) ? one : many);
    }

    public static String fixed(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value >= 0 && places >= 0 && places < POWERS_OF_TEN.length) {
            double scaled = value * POWERS_OF_TEN[places];
            double whole = Math.floor(scaled);
            double fraction = scaled - whole;
            // Near a tie the binary value and its shortest decimal can round differently: let BigDecimal decide.
            if (scaled < FAST_LIMIT && Math.abs(fraction - 0.5) > TIE_MARGIN) {
                return withPoint((long) whole + (fraction > 0.5 ? 1 : 0), places);
            }
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }

    /** A setting's length in words: "1 day", "7 days", "1.5 hours" (whole numbers without ".0"). */
    public static String span(double value, String one, String many) {
        String written = plain(value);
        if (written.endsWith(".0")) {
            written = written.substring(0, written.length() - 2);
        }
        return written + " " + ("1".equals(written) ? one : many);
    }

    /**
     * {@code Double.toString(value)}, with the whole numbers that settings such as a cool-down in hours or a
     * suppression in days nearly always are written without it: on Java 17 it showed up in profiles of the
     * offer route, which writes such a setting into a reason for every candidate it refuses.
     */
    public static String plain(double value) {
        // Not negative (nor -0.0, whose sign bit is set), and below 10^7, where Double.toString turns to E notation.
        if (Double.doubleToRawLongBits(value) >= 0 && value < 1e7 && value == Math.rint(value)) {
            return (long) value + ".0";
        }
        return Double.toString(value);
    }

    private static String withPoint(long scaled, int places) {
        if (places == 0) {
            return Long.toString(scaled);
        }
        String digits = Long.toString(scaled);
        StringBuilder out = new StringBuilder(digits.length() + places + 2);
        int wholeDigits = digits.length() - places;
        if (wholeDigits <= 0) {
            out.append("0.");
            out.append("0".repeat(-wholeDigits));
            return out.append(digits).toString();
        }
        return out.append(digits, 0, wholeDigits).append('.').append(digits, wholeDigits, digits.length()).toString();
    }
}
