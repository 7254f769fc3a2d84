package org.flowsentry.core.model;

import org.flowsentry.schema.Activation;
import org.flowsentry.schema.AutoencoderModel;
import org.flowsentry.schema.DenseLayer;

/** Deep autoencoder: raw score = mean squared reconstruction error over the features. */
public final class AutoencoderScorer implements DetectorScorer {
    private final int[] in;
    private final int[] out;
    /** Layer l's weights by input: [l][j][o] = weight of input j into output o. */
    private final double[][][] weightsByInput;
    private final double[][] bias;
    private final Activation[] activation;
    private final int width;

    AutoencoderScorer(AutoencoderModel m, int width) {
        int n = m.getLayers().size();
        Arrays2.require(n > 0, "autoencoder has no layers");
        this.width = width;
        in = new int[n];
        out = new int[n];
        weightsByInput = new double[n][][];
        bias = new double[n][];
        activation = new Activation[n];
        int previous = width;
        for (int i = 0; i < n; i++) {
            DenseLayer layer = m.getLayers().get(i);
            in[i] = layer.getInputSize();
            out[i] = layer.getOutputSize();
            Arrays2.require(in[i] == previous, "autoencoder layer " + i + " takes " + in[i] + " inputs, expected " + previous);
            double[] w = Arrays2.doubles(layer.getWeights()); // output-major: [o * in + j]
            bias[i] = Arrays2.doubles(layer.getBias());
            Arrays2.require(w.length == in[i] * out[i] && bias[i].length == out[i],
                    "autoencoder layer " + i + " has the wrong number of weights");
            weightsByInput[i] = Arrays2.columns(w, out[i], in[i]);
            activation[i] = layer.getActivation();
            previous = out[i];
        }
        Arrays2.require(previous == width, "autoencoder output has " + previous + " values, expected " + width);
    }

    /** Each layer's outputs. */
    private static final class Layers implements Scratch {
        final double[][] outputs;

        Layers(int[] sizes) {
            outputs = new double[sizes.length][];
            for (int l = 0; l < sizes.length; l++) outputs[l] = new double[sizes[l]];
        }
    }

    @Override
    public Scratch newScratch() {
        return new Layers(out);
    }

    @Override
    public double score(double[] x, Scratch scratch) {
        double[] y = reconstruct(x, (Layers) scratch);
        double s = 0;
        for (int j = 0; j < width; j++) {
            double e = y[j] - x[j];
            s += e * e;
        }
        return s / width;
    }

    /**
     * The network's output for x (its reconstruction of x). Each output's sum starts at its bias
     * and adds weight * input in input order, as a dot product per output would; walking the
     * weights input by input updates all outputs with one element-wise loop, which the JIT
     * turns into SIMD instructions (per lane the same IEEE multiply and add, so the same bits).
     */
    public double[] reconstruct(double[] x) {
        return reconstruct(x, new Layers(out));
    }

    /** {@link #reconstruct(double[])} into the scratch's arrays: the result is its last layer's. */
    private double[] reconstruct(double[] x, Layers scratch) {
        double[] a = x;
        for (int l = 0; l < weightsByInput.length; l++) {
            double[][] w = weightsByInput[l];
            int m = out[l];
            double[] z = scratch.outputs[l];
            System.arraycopy(bias[l], 0, z, 0, m);
            int n = w.length;
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
            Activation f = activation[l];
            if (f != Activation.LINEAR) {
                for (int o = 0; o < m; o++) z[o] = activate(f, z[o]);
            }
            a = z;
        }
        return a;
    }

    private static double activate(Activation f, double v) {
        return switch (f) {
            case LINEAR -> v;
            case RELU -> v > 0 ? v : 0.0;
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-v));
        };
    }
}
