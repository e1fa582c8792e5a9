package io.nbo.service.http;

/** Amounts as answers show them. */
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

    /** Money that may be missing. */
    static Double rounded(Double amount) {
        return amount == null ? null : rounded(amount.doubleValue());
    }
}
