package org.knetsweep.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page decompression for {@link ColumnRows}: Snappy pages (what Spark and {@code export-cifar10} write) are
 * uncompressed in one call from the page's bytes in the column chunk into the page's array, where parquet's own
 * codec streams them through two native buffers; every other codec is parquet's ({@link CodecFactory}).
 */
final class PageCodecs implements CompressionCodecFactory {
    private CompressionCodecFactory fallback;

    private synchronized CompressionCodecFactory fallback() {
        if (fallback == null) fallback = new CodecFactory(HadoopSource.configuration(), 0);
        return fallback;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return fallback().getCompressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return codec == CompressionCodecName.SNAPPY ? SNAPPY : fallback().getDecompressor(codec);
    }

    @Override
    public synchronized void release() {
        if (fallback != null) fallback.release();
        fallback = null;
    }

    private static final BytesInputDecompressor SNAPPY = new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            ByteBuffer in = bytes.toByteBuffer();
            byte[] out = new byte[uncompressedSize];
            int n;
            if (in.hasArray()) {
                n = Snappy.uncompress(in.array(), in.arrayOffset() + in.position(), in.remaining(), out, 0);
            } else {
                byte[] copy = new byte[in.remaining()];
                in.duplicate().get(copy);
                n = Snappy.uncompress(copy, 0, copy.length, out, 0);
            }
            if (n != uncompressedSize)
                throw new IOException("a Snappy page of " + n + " bytes, its header says " + uncompressedSize);
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            byte[] out = decompress(BytesInput.from(in), uncompressedSize).toByteArray();
            output.put(out);
        }

        @Override
        public void release() {
        }
    };
}
