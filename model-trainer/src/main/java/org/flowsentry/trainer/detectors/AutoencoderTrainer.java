package org.flowsentry.trainer.detectors;

import java.util.SplittableRandom;
import org.flowsentry.schema.AutoencoderModel;
import org.flowsentry.schema.DetectorKind;
import smile.math.MathEx;

/** Trains a deep autoencoder (Smile multilayer perceptron) on benign rows and exports it as an {@link AutoencoderModel}. */
public final class AutoencoderTrainer implements DetectorTrainer {
    private final AutoencoderOptions options;

    public AutoencoderTrainer(AutoencoderOptions options) {
        if (options == null) throw new IllegalArgumentException("options is null");
        this.options = options;
    }

    public AutoencoderTrainer() {
        this(new AutoencoderOptions());
    }

    public AutoencoderOptions options() {
        return options;
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.AUTOENCODER;
    }

    @Override
    public String name() {
        return "autoencoder";
    }

    @Override
    public FittedDetector fit(double[][] x, boolean[] attack, long seed) {
        int d = DetectorArrays.width(x);
        SplittableRandom random = new SplittableRandom(seed); // row sample, then each epoch's order
        double[][] rows = DetectorArrays.sample(x, options.maxRows(), random);
        MathEx.setSeed(seed); // initial weights come from this thread's generator
        AutoencoderNetwork net = AutoencoderNetwork.create(d, options.hidden(), options.activation(), options.learningRate());
        net.train(rows, options.epochs(), options.batchSize(), random);
        return new Fitted(net, net.export());
    }

    private record Fitted(AutoencoderNetwork net, AutoencoderModel model) implements FittedDetector {
        @Override
        public DetectorKind kind() {
            return DetectorKind.AUTOENCODER;
        }

        @Override
        public Object export() {
            return model;
        }

        @Override
        public double libraryScore(double[] x) {
            return net.reconstructionError(x);
        }
    }
}
