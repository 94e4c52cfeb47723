package org.knetsweep.data;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * Heap buffers for the column chunks parquet reads, kept when parquet releases them (after each row group) and handed
 * out again for the next file's chunks: the files of a table then take one set of chunk buffers, not one each.
 * For one reader at a time.
 */
final class BufferPool implements ByteBufferAllocator {
    private final List<ByteBuffer> free = new ArrayList<>();

    @Override
    public ByteBuffer allocate(int size) {
        for (int i = 0; i < free.size(); i++) {
            ByteBuffer b = free.get(i);
            if (b.capacity() >= size) {
                free.remove(i);
                return b.clear().limit(size);
            }
        }
        return ByteBuffer.allocate(size);
    }

    @Override
    public void release(ByteBuffer b) {
        if (!b.hasArray()) return;
        for (ByteBuffer f : free) if (f == b) return; // released twice (by the row group and the reader)
        free.add(b);
    }

    @Override
    public boolean isDirect() {
        return false;
    }
}
