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
            int n = in[l];
            for (int o = 0; o < z.length; o++) {
                double s = bias[l][o];
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
