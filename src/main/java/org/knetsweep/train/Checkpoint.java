package org.knetsweep.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.knetsweep.config.Precision;
import org.knetsweep.nn.NetworkState;

/**
 * Where a training run stopped, complete enough to continue it bit for bit: the network's state and the position in
 * the schedule. The mini-batch order is not stored: it is a function of the run seed and the epochs started, and a
 * resumed run replays the shuffles. Checkpoints are taken at epoch ends only.
 *
 * @param step            training steps done
 * @param epoch           epochs done
 * @param bestValAccuracy best validation accuracy at an epoch end so far (NaN if none)
 * @param wallMs          training wall time so far, over all segments, milliseconds
 * @param network         the network's parameters and moving averages
 */
public record Checkpoint(long step, int epoch, double bestValAccuracy, long wallMs, NetworkState network)
        implements Serializable {
    private static final long MAGIC = 0x4B4E4554434B5054L; // "KNETCKPT"
    private static final int VERSION = 1;

    /**
     * The checkpoint as bytes: a header, the tensors (float32 networks as 4-byte floats) and a CRC-32 of all that.
     * {@code tag} names what the checkpoint belongs to; {@link #fromBytes} checks it.
     */
    public byte[] toBytes(String tag) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(tag);
            out.writeUTF(network.precision().label());
            out.writeBoolean(network.averagesInitialized());
            out.writeLong(step);
            out.writeInt(epoch);
            out.writeDouble(bestValAccuracy);
            out.writeLong(wallMs);
            out.writeInt(network.tensors().size());
            boolean single = network.precision() == Precision.FLOAT32;
            for (Map.Entry<String, double[]> e : network.tensors().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (double v : e.getValue()) {
                    if (single) out.writeFloat((float) v);
                    else out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        long sum = crc.getValue();
        for (int i = 3; i >= 0; i--) bytes.write((int) (sum >>> (8 * i)));
        return bytes.toByteArray();
    }

    /**
     * Reads {@link #toBytes} output.
     *
     * @throws IllegalArgumentException for a corrupt or truncated checkpoint, or one with another tag (the message says
     *                                  which)
     */
    public static Checkpoint fromBytes(byte[] data, String expectedTag) {
        if (data.length < 12) throw new IllegalArgumentException("checkpoint truncated: " + data.length + " bytes");
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        long stored = 0;
        for (int i = data.length - 4; i < data.length; i++) stored = (stored << 8) | (data[i] & 0xFF);
        if (crc.getValue() != stored) throw new IllegalArgumentException("checkpoint corrupt: CRC-32 mismatch");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, data.length - 4))) {
            if (in.readLong() != MAGIC) throw new IllegalArgumentException("not a knet-sweep checkpoint");
            int version = in.readInt();
            if (version != VERSION)
                throw new IllegalArgumentException("checkpoint version " + version + ", expected " + VERSION);
            String tag = in.readUTF();
            if (!tag.equals(expectedTag))
                throw new IllegalArgumentException("checkpoint of " + tag + ", expected " + expectedTag);
            Precision precision = Precision.parse("checkpoint precision", in.readUTF());
            boolean averages = in.readBoolean();
            long step = in.readLong();
            int epoch = in.readInt();
            double best = in.readDouble();
            long wall = in.readLong();
            int count = in.readInt();
            boolean single = precision == Precision.FLOAT32;
            Map<String, double[]> tensors = new LinkedHashMap<>();
            for (int t = 0; t < count; t++) {
                String name = in.readUTF();
                double[] values = new double[in.readInt()];
                for (int i = 0; i < values.length; i++) values[i] = single ? in.readFloat() : in.readDouble();
                tensors.put(name, values);
            }
            if (in.available() != 0) throw new IllegalArgumentException("checkpoint has trailing bytes");
            return new Checkpoint(step, epoch, best, wall, new NetworkState(precision, averages, tensors));
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint truncated: " + e.getMessage(), e);
        }
    }
}
