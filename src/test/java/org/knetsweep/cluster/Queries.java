package org.knetsweep.cluster;

import java.util.List;
import org.knetsweep.cli.InProcessKnet;

/** knet commands run in this JVM (Spark local[2] on 127.0.0.1), as a user runs them. */
final class Queries {
    private Queries() {
    }

    static InProcessKnet.Run knet(List<String> args) {
        return InProcessKnet.knet(args);
    }

    /** {@code knet query SQL --results ROOT --format csv --master local[2]}. */
    static InProcessKnet.Run query(String sql, String root) {
        return knet(List.of("query", sql, "--results", root, "--format", "csv", "--master", "local[2]"));
    }
}
