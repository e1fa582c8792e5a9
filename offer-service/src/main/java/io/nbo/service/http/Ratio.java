package io.nbo.service.http;

/** Ratios (rates, relative lifts) as answers show them. */
final class Ratio {
    private Ratio() {
    }

    /**
     * To six significant digits: 0.47619, 2.8 rather than 2.8000000000000003, while a rate of a few in a million
     * keeps its digits. Rounding keeps the sign, so an interval that spans zero still does. Null stays null.
     */
    static Double shown(Double value) {
        if (value == null || value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).doubleValue();
    }
}
