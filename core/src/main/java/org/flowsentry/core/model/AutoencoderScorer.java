package org.flowsentry.core.model;

import org.flowsentry.schema.Activation;
import org.flowsentry.schema.AutoencoderModel;
import org.flowsentry.schema.DenseLayer;

/** Deep autoencoder: raw score = mean squared reconstruction error over the features. */
public final class AutoencoderScorer implements DetectorScorer {
    private final int[] in;
    private final int[] out;
    private final double[][] weights;
    private final double[][] bias;
    private final Activation[] activation;
    private final int width;

    AutoencoderScorer(AutoencoderModel m, int width) {
        int n = m.getLayers().size();
        Arrays2.require(n > 0, "autoencoder has no layers");
        this.width = width;
        in = new int[n];
        out = new int[n];
        weights = new double[n][];
        bias = new double[n][];
        activation = new Activation[n];
        int previous = width;
        for (int i = 0; i < n; i++) {
            DenseLayer layer = m.getLayers().get(i);
            in[i] = layer.getInputSize();
            out[i] = layer.getOutputSize();
            Arrays2.require(in[i] == previous, "autoencoder layer " + i + " takes " + in[i] + " inputs, expected " + previous);
            weights[i] = Arrays2.doubles(layer.getWeights());
            bias[i] = Arrays2.doubles(layer.getBias());
            Arrays2.require(weights[i].length == in[i] * out[i] && bias[i].length == out[i],
                    "autoencoder layer " + i + " has the wrong number of weights");
            activation[i] = layer.getActivation();
            previous = out[i];
        }
        Arrays2.require(previous == width, "autoencoder output has " + previous + " values, expected " + width);
    }

    @Override
    public double score(double[] x) {
        double[] y = reconstruct(x);
        double s = 0;
        for (int j = 0; j < width; j++) {
            double e = y[j] - x[j];
            s += e * e;
        }
        return s / width;
    }

    /** The network's output for x (its reconstruction of x). */
    public double[] reconstruct(double[] x) {
        double[] a = x;
        for (int l = 0; l < weights.length; l++) {
            double[] z = new double[out[l]];
            double[] w = weights[l];
            double[] b = bias[l];
            int n = in[l];
            int o = 0;
            // Four outputs per pass: their dot products are independent chains the CPU overlaps
            // (one chain is add-latency bound); each still adds its terms in input order.
            for (; o + 4 <= z.length; o += 4) {
                int r0 = o * n;
                int r1 = r0 + n;
                int r2 = r1 + n;
                int r3 = r2 + n;
                double s0 = b[o];
                double s1 = b[o + 1];
                double s2 = b[o + 2];
                double s3 = b[o + 3];
                for (int j = 0; j < n; j++) {
                    double v = a[j];
                    s0 += w[r0 + j] * v;
                    s1 += w[r1 + j] * v;
                    s2 += w[r2 + j] * v;
                    s3 += w[r3 + j] * v;
                }
                z[o] = activate(activation[l], s0);
                z[o + 1] = activate(activation[l], s1);
                z[o + 2] = activate(activation[l], s2);
                z[o + 3] = activate(activation[l], s3);
            }
            for (; o < z.length; o++) {
                double s = b[o];
                int row = o * n;
                for (int j = 0; j < n; j++) s += w[row + j] * a[j];
                z[o] = activate(activation[l], s);
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
