package org.flowsentry.job.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.features.PairState;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class FieldCodecTest {
    private static final int[] LENGTHS = {0, 1, 63, 64, 65, 67, 130};
    /** Values that must keep their exact bits; none is +0.0. */
    private static final double[] SPECIAL = {-0.0, Double.NaN, Double.longBitsToDouble(0x7ff0_0000_dead_beefL), // a NaN with its own payload
            Double.longBitsToDouble(0xfff8_0000_0000_0001L), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.5, 1e-300};

    @Test
    void vectorsOfEveryShapeRoundTripBitForBit() throws IOException {
        for (int n : LENGTHS) {
            assertRoundTrip(new double[n]); // all +0.0
            double[] noZeros = new double[n];
            for (int i = 0; i < n; i++) noZeros[i] = SPECIAL[i % SPECIAL.length];
            assertRoundTrip(noZeros);
            double[] mixed = new double[n];
            for (int i = 0; i < n; i++) mixed[i] = i % 3 == 0 ? 0.0 : SPECIAL[i % SPECIAL.length];
            assertRoundTrip(mixed);
            for (int i = 0; i < n; i++) { // one value at each position, the others +0.0
                double[] one = new double[n];
                one[i] = -0.0;
                assertRoundTrip(one);
            }
        }
    }

    @Test
    void seededRandomVectorsRoundTripBitForBit() throws IOException {
        Random random = new Random(20240517L);
        for (int k = 0; k < 2_000; k++) {
            double[] v = new double[random.nextInt(200)];
            double zeros = random.nextDouble();
            for (int i = 0; i < v.length; i++) {
                double p = random.nextDouble();
                v[i] = p < zeros ? 0.0
                        : p < zeros + 0.05 ? SPECIAL[random.nextInt(SPECIAL.length)]
                        : random.nextBoolean() ? Double.longBitsToDouble(random.nextLong()) // any bits, NaN payloads too
                        : random.nextGaussian() * 1e3;
            }
            assertRoundTrip(v);
        }
    }

    @Test
    void theDenseFormIsRead() throws IOException {
        for (int n : LENGTHS) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = i % 2 == 0 ? 0.0 : SPECIAL[i % SPECIAL.length];
            DataOutputSerializer out = new DataOutputSerializer(64);
            FieldCodec.writeDoubles(v, out);
            int length = out.length();
            out.writeInt(0x5EED); // whatever follows stays in place
            DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
            double[] read = FieldCodec.readDoubles(in);
            assertThat(in.getPosition()).isEqualTo(length);
            assertThat(in.readInt()).isEqualTo(0x5EED);
            assertThat(read).hasSize(n);
            DataInputDeserializer again = new DataInputDeserializer(out.getCopyOfBuffer());
            assertThat(again.readInt()).isEqualTo(n);
            for (int i = 0; i < n; i++) { // the values as readDouble reads them, bit for bit
                assertThat(Double.doubleToRawLongBits(read[i])).as("index %d", i).isEqualTo(Double.doubleToRawLongBits(again.readDouble()));
                assertThat(Double.doubleToLongBits(read[i])).as("index %d", i).isEqualTo(Double.doubleToLongBits(v[i]));
            }
        }
    }

    @Test
    void nullIsMinusOneInBothForms() throws IOException {
        for (boolean sparse : new boolean[] {false, true}) {
            DataOutputSerializer out = new DataOutputSerializer(16);
            if (sparse) FieldCodec.writeSparseDoubles(null, out);
            else FieldCodec.writeDoubles(null, out);
            assertThat(out.getCopyOfBuffer()).containsExactly(0xff, 0xff, 0xff, 0xff);
        }
        DataOutputSerializer old = new DataOutputSerializer(16);
        old.writeInt(-1);
        old.writeInt(0x5EED);
        DataInputDeserializer in = new DataInputDeserializer(old.getCopyOfBuffer());
        assertThat(FieldCodec.readDoubles(in)).isNull();
        assertThat(in.readInt()).isEqualTo(0x5EED);
    }

    @Test
    void theSparseFormIsShorterWithZerosAndAtMostABitmapLongerWithout() throws IOException {
        for (int n : LENGTHS) {
            double[] noZeros = new double[n];
            for (int i = 0; i < n; i++) noZeros[i] = 1.0 + i;
            int bitmap = 8 * ((n + 63) / 64);
            assertThat(sparseSize(noZeros) - denseSize(noZeros)).as("length %d", n).isLessThanOrEqualTo(bitmap + 4);
            if (n == 0) continue;
            double[] halfZeros = noZeros.clone();
            for (int i = 0; i < n; i += 2) halfZeros[i] = 0.0;
            if (n > 1) assertThat(sparseSize(halfZeros)).as("length %d", n).isLessThan(denseSize(halfZeros));
            assertThat(sparseSize(new double[n])).as("length %d", n).isEqualTo(8 + bitmap);
        }
        double[] inTransit = inTransitVector();
        int zeros = 0;
        for (double d : inTransit) zeros += Double.doubleToRawLongBits(d) == 0L ? 1 : 0;
        System.out.printf("feature vector in transit: %d values, %d of them +0.0; %d bytes sparse, %d dense%n",
                inTransit.length, zeros, sparseSize(inTransit), denseSize(inTransit));
        assertThat(sparseSize(inTransit)).isLessThan(denseSize(inTransit));
    }

    @Test
    void corruptMarkersAndBitmapsAreRefused() {
        assertThatThrownBy(() -> read(out -> out.writeInt(-3))).isInstanceOf(IOException.class).hasMessageContaining("marker -3");
        assertThatThrownBy(() -> read(out -> {
            out.writeInt(FieldCodec.SPARSE);
            out.writeInt(-5);
        })).isInstanceOf(IOException.class).hasMessageContaining("length -5");
        assertThatThrownBy(() -> read(out -> { // bit 3 of a 3-value array
            out.writeInt(FieldCodec.SPARSE);
            out.writeInt(3);
            out.writeLong(0b1001L);
            out.writeLong(1L);
            out.writeLong(2L);
        })).isInstanceOf(IOException.class).hasMessageContaining("past length 3");
    }

    /** The vector as the destination-features operator sends it: flow, destination and pair parts, the source part +0.0. */
    private static double[] inTransitVector() {
        FeatureLayout layout = Samples.LAYOUT;
        List<FlowRecord> flows = TestFlows.generated(200);
        HostState destination = HostState.create(layout.context());
        java.util.Map<String, PairState> pairs = new java.util.HashMap<>();
        double[] v = null;
        for (FlowRecord r : flows) {
            if (!r.getDstAddr().equals(flows.get(0).getDstAddr())) continue;
            FlowEvent e = TestFlows.event(r, 0);
            v = new double[layout.width()];
            layout.computeFlowPart(r, v);
            layout.computeDestinationPart(destination, r, e.eventTimeMs, v);
            layout.computePairPart(pairs.computeIfAbsent(r.getSrcAddr(), k -> PairState.create(layout.context())), r, e.eventTimeMs, v);
        }
        return v;
    }

    private static void assertRoundTrip(double[] v) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        FieldCodec.writeSparseDoubles(v, out);
        int length = out.length();
        out.writeInt(0x5EED); // the next field stays in place
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        double[] read = FieldCodec.readDoubles(in);
        assertThat(in.getPosition()).isEqualTo(length);
        assertThat(in.readInt()).isEqualTo(0x5EED);
        assertThat(read).hasSize(v.length);
        for (int i = 0; i < v.length; i++) {
            assertThat(Double.doubleToRawLongBits(read[i])).as("index %d of %d", i, v.length).isEqualTo(Double.doubleToRawLongBits(v[i]));
        }
    }

    private static int sparseSize(double[] v) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        FieldCodec.writeSparseDoubles(v, out);
        return out.length();
    }

    private static int denseSize(double[] v) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        FieldCodec.writeDoubles(v, out);
        return out.length();
    }

    private interface Writes {
        void to(DataOutputSerializer out) throws IOException;
    }

    private static double[] read(Writes bytes) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        bytes.to(out);
        return FieldCodec.readDoubles(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
