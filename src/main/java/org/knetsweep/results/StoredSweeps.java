package org.knetsweep.results;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.knetsweep.data.HadoopSource;

/** The sweeps a results root holds, from the partition folders of its {@code trials} table. */
public final class StoredSweeps {
    private StoredSweeps() {
    }

    /** The sweep ids of the {@code trials} table's partitions, sorted; empty when they cannot be listed. */
    public static List<String> ids(ResultStore store) {
        Path dir = new Path(ResultLayout.tableDir(store.root(), ResultSchema.TRIALS));
        String prefix = ResultSchema.SWEEP_ID + "=";
        try {
            Configuration conf = HadoopSource.configuration();
            store.hadoopConf().forEach(conf::set);
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) return List.of();
            Set<String> ids = new TreeSet<>();
            for (FileStatus status : fs.listStatus(dir)) {
                String name = status.getPath().getName();
                if (status.isDirectory() && name.startsWith(prefix))
                    ids.add(ResultLayout.unescape(name.substring(prefix.length())));
            }
            return List.copyOf(ids);
        } catch (IOException | RuntimeException e) {
            return List.of(); // only a hint in an error message
        }
    }
}
