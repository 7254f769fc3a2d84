package org.flowsentry.core.model;

import java.util.Locale;

/**
 * Formatter's {@code %.Nf} and {@code %.Ng} for Locale.US, without a Formatter (a pattern parse,
 * a regex match and a decimal conversion per number: in a profile of the ensemble on flows it
 * flags, about a fifth of the time).
 *
 * <p>Formatter rounds half up the decimal digits of the double (the shortest that read back as
 * it, or close), not its exact binary value: 0.05 prints as 0.1 although the double is just
 * above it, and 0.15 as 0.2 although it is just below. Those digits and the exact value differ
 * by at most an ulp or so, so they round the same way unless the value lies within a few ulps of
 * a rounding tie. Here the value is scaled by a power of ten (one rounding), and when it is not
 * that close to a tie the result is the same for both, computed in long arithmetic. Within 2^-40
 * (relative) of a tie, a rare case, and outside the range where the scaled value is exact
 * enough, the text comes from String.format itself. Equality with String.format is tested on
 * 1.6 million formatted numbers (DecimalTextTest).
 */
final class DecimalText {
    private DecimalText() {}

    private static final double[] POW10 = new double[23]; // exact doubles 10^0 .. 10^22
    private static final long[] LONG_POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
        LONG_POW10[0] = 1;
        for (int i = 1; i < LONG_POW10.length; i++) LONG_POW10[i] = LONG_POW10[i - 1] * 10;
    }

    /** Most digits handled: decimal forms of %g need up to 10^(digits + 3) as a long. */
    private static final int MAX_DIGITS = 15;
    /** Relative distance to a tie below which the decimal digits could round otherwise. */
    private static final double TIE_MARGIN = 0x1p-40;

    /** Appends v as {@code String.format(Locale.US, "%.<decimals>f", v)} does (0 <= decimals <= 15). */
    static StringBuilder appendFixed(StringBuilder sb, double v, int decimals) {
        if (decimals < 0 || decimals > MAX_DIGITS) throw new IllegalArgumentException("decimals " + decimals);
        double a = Math.abs(v);
        double t = a * POW10[decimals];
        long n = roundHalfUp(t);
        if (n < 0) return sb.append(String.format(Locale.US, "%." + decimals + "f", v));
        if (Double.compare(v, 0.0) < 0) sb.append('-'); // -0.0 too, as Formatter
        appendScaled(sb, n, decimals);
        return sb;
    }

    /** Appends v as {@code String.format(Locale.US, "%.<significant>g", v)} does (1 <= significant <= 15). */
    static StringBuilder appendGeneral(StringBuilder sb, double v, int significant) {
        if (significant < 1 || significant > MAX_DIGITS) throw new IllegalArgumentException("significant digits " + significant);
        double a = Math.abs(v);
        if (!(a >= 1e-300 && a <= 1e300)) return sb.append(String.format(Locale.US, "%." + significant + "g", v)); // 0, NaN, infinite, extreme
        int e = (int) Math.floor(Math.log10(a)); // the decimal exponent, or one off near a power of ten
        long low = LONG_POW10[significant - 1];
        long high = LONG_POW10[significant];
        long n = -1;
        for (int attempt = 0; attempt < 2; attempt++) {
            double t = scale(a, significant - 1 - e); // a in units of the last significant digit
            if (t < low) {
                e--;
            } else if (t >= high) {
                e++;
            } else {
                n = roundHalfUp(t);
                break;
            }
        }
        if (n < 0) return sb.append(String.format(Locale.US, "%." + significant + "g", v));
        if (n == high) { // rounded up to the next power of ten
            n = low;
            e++;
        }
        if (v < 0) sb.append('-');
        if (e >= -4 && e < significant) {
            appendScaled(sb, n, significant - 1 - e); // Formatter's decimal form: 10^-4 <= rounded value < 10^significant
        } else {
            appendScaled(sb, n, significant - 1);
            sb.append('e').append(e < 0 ? '-' : '+');
            int abs = Math.abs(e);
            if (abs < 10) sb.append('0');
            sb.append(abs);
        }
        return sb;
    }

    /** a * 10^k with one rounding, or NaN when 10^|k| is not an exact double. */
    private static double scale(double a, int k) {
        if (k >= 0) return k < POW10.length ? a * POW10[k] : Double.NaN;
        return -k < POW10.length ? a / POW10[-k] : Double.NaN;
    }

    /**
     * t (>= 0) rounded half up, or -1 when t is not below 2^52 (or NaN) or lies so close to a
     * tie that the decimal digits Formatter rounds could fall on the other side of it.
     */
    private static long roundHalfUp(double t) {
        if (!(t < 0x1p52)) return -1;
        double floor = Math.floor(t);
        double fraction = t - floor; // exact
        if (Math.abs(fraction - 0.5) <= t * TIE_MARGIN) return -1;
        return (long) floor + (fraction > 0.5 ? 1 : 0);
    }

    /** Appends n / 10^decimals with exactly that many decimals (n >= 0). */
    private static void appendScaled(StringBuilder sb, long n, int decimals) {
        if (decimals == 0) {
            sb.append(n);
            return;
        }
        long unit = LONG_POW10[decimals];
        sb.append(n / unit).append('.');
        long fraction = n % unit;
        for (long d = unit / 10; d > fraction && d > 1; d /= 10) sb.append('0');
        sb.append(fraction);
    }
}
