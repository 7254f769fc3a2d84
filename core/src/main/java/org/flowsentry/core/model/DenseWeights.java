package org.flowsentry.core.model;

/**
 * A dense layer's weights and bias, for its pre-activation outputs z[o] = bias[o] + sum over j of
 * w[o][j] * a[j]. Each output's sum starts at its bias and adds weight * input in input order, as
 * a dot product per output would; walking the weights input by input updates all outputs with one
 * element-wise loop, which runs as SIMD instructions ({@link VectorKernels} with the vector
 * module, else the JIT's own; per lane the same IEEE multiply and add, so the same bits). Immutable.
 */
final class DenseWeights {
    private final int outputs;
    private final int inputs;
    private final boolean vector;
    /** Plain loops: [j][o] = weight of input j into output o. */
    private final double[][] byInput;
    private final double[] bias;
    /** Vector kernels: [j * padded + o], zero in the padding, and the bias padded alike. */
    private final double[] flat;
    private final int padded;

    private DenseWeights(double[] outputMajor, double[] bias, int outputs, int inputs, boolean vector) {
        Arrays2.require(outputMajor.length == outputs * inputs && bias.length == outputs, "wrong number of weights");
        this.outputs = outputs;
        this.inputs = inputs;
        this.vector = vector;
        padded = Vectors.padded(outputs, vector);
        if (vector) {
            byInput = null;
            flat = new double[inputs * padded];
            for (int o = 0; o < outputs; o++) {
                for (int j = 0; j < inputs; j++) flat[j * padded + o] = outputMajor[o * inputs + j];
            }
            this.bias = java.util.Arrays.copyOf(bias, padded);
        } else {
            byInput = Arrays2.columns(outputMajor, outputs, inputs);
            flat = null;
            this.bias = bias.clone();
        }
    }

    /** Weights output-major (w[o * inputs + j] = weight of input j into output o), as DenseLayer stores them. */
    static DenseWeights of(double[] outputMajor, double[] bias, int outputs, int inputs) {
        return new DenseWeights(outputMajor, bias, outputs, inputs, Vectors.ENABLED);
    }

    /** As {@link #of(double[], double[], int, int)}, choosing the kernels (tests compare the two). */
    static DenseWeights of(double[] outputMajor, double[] bias, int outputs, int inputs, boolean vector) {
        return new DenseWeights(outputMajor, bias, outputs, inputs, vector);
    }

    /** The length an output array needs: the outputs, and room for the vector kernels' padding. */
    int scratchLength() {
        return padded;
    }

    /** Writes the pre-activation outputs for inputs a into z[0 .. outputs) (z of at least {@link #scratchLength()}). */
    void apply(double[] a, double[] z) {
        if (vector) {
            VectorKernels.affine(a, inputs, flat, bias, padded, z);
            return;
        }
        double[][] w = byInput;
        int m = outputs;
        System.arraycopy(bias, 0, z, 0, m);
        int n = inputs;
        int j = 0;
        // Four inputs per pass: a quarter of the loads and stores of z; the four terms are
        // still added one after another, in input order.
        for (; j + 4 <= n; j += 4) {
            double v0 = a[j];
            double v1 = a[j + 1];
            double v2 = a[j + 2];
            double v3 = a[j + 3];
            double[] w0 = w[j];
            double[] w1 = w[j + 1];
            double[] w2 = w[j + 2];
            double[] w3 = w[j + 3];
            for (int o = 0; o < m; o++) {
                double s = z[o];
                s += w0[o] * v0;
                s += w1[o] * v1;
                s += w2[o] * v2;
                s += w3[o] * v3;
                z[o] = s;
            }
        }
        for (; j < n; j++) {
            double v = a[j];
            double[] column = w[j];
            for (int o = 0; o < m; o++) z[o] += column[o] * v;
        }
    }
}
