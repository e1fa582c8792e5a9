package io.nbo.service.http;

/** Amounts and ratios as answers show them. */
final class Money {
    private Money() {
    }

    /**
     * Money summed in binary floating point, rounded to a millionth: 12737.62, not 12737.619999999999, and still
     * exact for any currency's minor unit.
     */
    static double rounded(double amount) {
        // Beyond a trillion a long cannot hold the millionths; such a sum keeps its noise.
        return Math.abs(amount) < 1e12 ? Math.round(amount * 1e6) / 1e6 : amount;
    }

    /**
     * A ratio (a rate, a relative lift) to six significant digits: 0.47619, 2.8 rather than 2.8000000000000003,
     * while a rate of a few in a million keeps its digits. Null stays null.
     */
    static Double ratio(Double value) {
        if (value == null || value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).doubleValue();
    }

    /** Money that may be missing. */
    static Double rounded(Double amount) {
        return amount == null ? null : rounded(amount.doubleValue());
    }
}
