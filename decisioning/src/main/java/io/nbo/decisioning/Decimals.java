package io.nbo.decisioning;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers in reasons, written as {@code String.format("%.Nf")} writes them (half up, on the shortest decimal
 * that reads back as the double), without the formatter: reasons are written for every candidate of every
 * decision, and the formatter's per-call set-up showed up in profiles.
 */
public final class Decimals {
    private Decimals() {
    }

    public static String fixed(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
