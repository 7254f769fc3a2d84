package org.flowsentry.trainer.detectors;

import java.util.List;
import org.flowsentry.schema.Activation;

/**
 * Hyperparameters of the deep autoencoder: a Smile multilayer perceptron d -> hidden... -> d
 * (linear output) trained with RMSProp to reproduce benign rows; the anomaly score is the mean
 * squared reconstruction error.
 *
 * @param hidden sizes of the hidden layers, in order; the narrowest is the bottleneck. Scoring
 *     costs the sum of the layers' weights per flow: d -> 32 -> 12 -> 32 -> d is about 4,600
 *     for 60 features (about 2-3 us in core).
 * @param activation of the hidden layers (the output layer is linear). ReLU and linear train
 *     reliably with these settings; tanh and sigmoid need tuning.
 * @param learningRate RMSProp step size. 0.001, the usual choice for RMSProp, reached the lowest
 *     reconstruction error of the settings tried on UNSW-NB15 (RMSProp 0.001-0.002, plain SGD
 *     0.01-0.05 with and without momentum).
 * @param epochs passes over the (sub)sample. Training time grows with epochs x rows: the defaults
 *     (5 x 50,000) took 4-5 s on 100,000 x 60 rows (one thread, 2 busy cores).
 * @param batchSize rows per gradient step (mini-batch).
 * @param maxRows most training rows used (a seeded subsample): bounds the training time on large
 *     datasets while keeping far more rows than parameters.
 */
public record AutoencoderOptions(
        List<Integer> hidden, Activation activation, double learningRate, int epochs, int batchSize, int maxRows) {

    public AutoencoderOptions {
        if (hidden == null || hidden.isEmpty()) throw new IllegalArgumentException("autoencoder needs at least one hidden layer");
        hidden = List.copyOf(hidden);
        for (int size : hidden) {
            if (size < 1) throw new IllegalArgumentException("autoencoder hidden layer sizes must be positive: " + hidden);
        }
        if (activation == null) throw new IllegalArgumentException("autoencoder activation is null");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("autoencoder learningRate must be positive and finite: " + learningRate);
        }
        if (epochs < 1) throw new IllegalArgumentException("autoencoder epochs must be at least 1: " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("autoencoder batchSize must be at least 1: " + batchSize);
        if (maxRows < 1) throw new IllegalArgumentException("autoencoder maxRows must be at least 1: " + maxRows);
    }

    /** Defaults: 32 -> 12 -> 32 ReLU, learning rate 0.001, 5 epochs of batches of 32 over at most 50,000 rows. */
    public AutoencoderOptions() {
        this(List.of(32, 12, 32), Activation.RELU, 0.001, 5, 32, 50_000);
    }
}
