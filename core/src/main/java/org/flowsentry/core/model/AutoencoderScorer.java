package org.flowsentry.core.model;

import org.flowsentry.schema.Activation;
import org.flowsentry.schema.AutoencoderModel;
import org.flowsentry.schema.DenseLayer;

/** Deep autoencoder: raw score = mean squared reconstruction error over the features. */
public final class AutoencoderScorer implements DetectorScorer {
    private final int[] in;
    private final int[] out;
    private final DenseWeights[] weights;
    private final Activation[] activation;
    private final int width;

    AutoencoderScorer(AutoencoderModel m, int width) {
        int n = m.getLayers().size();
        Arrays2.require(n > 0, "autoencoder has no layers");
        this.width = width;
        in = new int[n];
        out = new int[n];
        weights = new DenseWeights[n];
        activation = new Activation[n];
        int previous = width;
        for (int i = 0; i < n; i++) {
            DenseLayer layer = m.getLayers().get(i);
            in[i] = layer.getInputSize();
            out[i] = layer.getOutputSize();
            Arrays2.require(in[i] == previous, "autoencoder layer " + i + " takes " + in[i] + " inputs, expected " + previous);
            double[] w = Arrays2.doubles(layer.getWeights()); // output-major: [o * in + j]
            double[] bias = Arrays2.doubles(layer.getBias());
            Arrays2.require(w.length == in[i] * out[i] && bias.length == out[i],
                    "autoencoder layer " + i + " has the wrong number of weights");
            weights[i] = DenseWeights.of(w, bias, out[i], in[i]);
            activation[i] = layer.getActivation();
            previous = out[i];
        }
        Arrays2.require(previous == width, "autoencoder output has " + previous + " values, expected " + width);
    }

    /** Each layer's outputs (with room for the vector kernels' padding). */
    private static final class Layers implements Scratch {
        final double[][] outputs;

        Layers(DenseWeights[] layers) {
            outputs = new double[layers.length][];
            for (int l = 0; l < layers.length; l++) outputs[l] = new double[layers[l].scratchLength()];
        }
    }

    @Override
    public Scratch newScratch() {
        return new Layers(weights);
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

    /** The network's output for x (its reconstruction of x); each layer as {@link DenseWeights} computes it. */
    public double[] reconstruct(double[] x) {
        return java.util.Arrays.copyOf(reconstruct(x, new Layers(weights)), width);
    }

    /** {@link #reconstruct(double[])} into the scratch's arrays: the result is its last layer's. */
    private double[] reconstruct(double[] x, Layers scratch) {
        double[] a = x;
        for (int l = 0; l < weights.length; l++) {
            int m = out[l];
            double[] z = scratch.outputs[l];
            weights[l].apply(a, z);
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
