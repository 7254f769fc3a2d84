package org.flowsentry.trainer.detectors;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flowsentry.schema.Activation;
import org.flowsentry.schema.AutoencoderModel;
import org.flowsentry.schema.DenseLayer;
import smile.base.mlp.ActivationFunction;
import smile.base.mlp.Cost;
import smile.base.mlp.HiddenLayer;
import smile.base.mlp.Layer;
import smile.base.mlp.MultilayerPerceptron;
import smile.base.mlp.OutputFunction;
import smile.base.mlp.OutputLayer;
import smile.math.TimeFunction;
import smile.math.matrix.Matrix;

/**
 * Smile multilayer perceptron trained to reproduce its input (Smile 3.1.1 has no autoencoder):
 * input layer, hidden layers, linear mean-squared-error output layer of the input's width.
 * Not thread-safe while training.
 */
final class AutoencoderNetwork extends MultilayerPerceptron {
    private final Activation activation;
    private final int width;

    private AutoencoderNetwork(Activation activation, int width, Layer[] layers) {
        super(layers);
        this.activation = activation;
        this.width = width;
    }

    /**
     * A new network for rows of the given width. Smile draws the initial weights from the calling
     * thread's generator: seed it (MathEx.setSeed) first for a reproducible network.
     */
    static AutoencoderNetwork create(int width, List<Integer> hidden, Activation activation, double learningRate) {
        Layer[] layers = new Layer[hidden.size() + 2];
        layers[0] = Layer.input(width).build(0);
        int inputs = width;
        for (int i = 0; i < hidden.size(); i++) {
            layers[i + 1] = new Hidden(hidden.get(i), inputs, smile(activation));
            inputs = hidden.get(i);
        }
        layers[layers.length - 1] = new Output(width, inputs);
        AutoencoderNetwork net = new AutoencoderNetwork(activation, width, layers);
        net.setLearningRate(TimeFunction.constant(learningRate));
        net.setRMSProp(0.9, 1e-7); // Smile's defaults for RMSProp
        return net;
    }

    /** Mini-batch training: each epoch visits the rows in a new order drawn from random. */
    void train(double[][] rows, int epochs, int batchSize, SplittableRandom random) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = DetectorArrays.shuffled(rows.length, random);
            for (int start = 0; start < rows.length; start += batchSize) {
                int end = Math.min(start + batchSize, rows.length);
                for (int i = start; i < end; i++) {
                    double[] x = rows[order[i]];
                    propagate(x, true);
                    System.arraycopy(x, 0, target.get(), 0, width); // the target is the input itself
                    backpropagate(false); // accumulate the batch's gradient
                }
                update(end - start);
                t++; // Smile's step counter (for scheduled learning rates)
            }
        }
    }

    /** Mean squared reconstruction error of x by Smile's forward pass. */
    double reconstructionError(double[] x) {
        propagate(x, false);
        double[] y = output.output();
        double s = 0;
        for (int j = 0; j < width; j++) {
            double e = y[j] - x[j];
            s += e * e;
        }
        return s / width;
    }

    /** The layers' weights and biases as the bundle's dense layers (the input layer has none). */
    AutoencoderModel export() {
        List<DenseLayer> layers = new ArrayList<>(net.length);
        for (int i = 1; i < net.length; i++) layers.add(((Hidden) net[i]).export(activation));
        layers.add(((Output) output).export());
        return AutoencoderModel.newBuilder().setLayers(layers).build();
    }

    private static ActivationFunction smile(Activation activation) {
        return switch (activation) {
            case LINEAR -> ActivationFunction.linear();
            case RELU -> ActivationFunction.rectifier();
            case TANH -> ActivationFunction.tanh();
            case SIGMOID -> ActivationFunction.sigmoid();
        };
    }

    /** Smile's weight matrix (outputs x inputs) and bias as a dense layer with row-major weights. */
    private static DenseLayer dense(Matrix weight, double[] bias, Activation activation) {
        double[][] rows = weight.toArray();
        return DenseLayer.newBuilder()
                .setInputSize(weight.ncol())
                .setOutputSize(weight.nrow())
                .setWeights(DetectorArrays.rowMajor(rows))
                .setBias(DetectorArrays.boxed(bias))
                .setActivation(activation)
                .build();
    }

    /** Smile's hidden layer, subclassed to read its protected weights. */
    private static final class Hidden extends HiddenLayer {
        Hidden(int outputs, int inputs, ActivationFunction f) {
            super(outputs, inputs, 0.0, f);
        }

        DenseLayer export(Activation activation) {
            return dense(weight, bias, activation);
        }
    }

    /** Smile's linear mean-squared-error output layer, subclassed to read its protected weights. */
    private static final class Output extends OutputLayer {
        Output(int outputs, int inputs) {
            super(outputs, inputs, OutputFunction.LINEAR, Cost.MEAN_SQUARED_ERROR);
        }

        DenseLayer export() {
            return dense(weight, bias, Activation.LINEAR);
        }
    }
}
