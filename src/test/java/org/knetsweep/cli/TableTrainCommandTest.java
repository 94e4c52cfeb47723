package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.data.SyntheticTables;
import org.knetsweep.data.SyntheticTables.Features;
import org.knetsweep.data.SyntheticTables.Labels;
import org.knetsweep.data.SyntheticTables.Spec;

/** knet train on a table: the network sized from it, the test accuracy absent without a test table. */
class TableTrainCommandTest {
    @TempDir
    Path dir;

    private List<String> train(Path table, String... extra) {
        List<String> args = new ArrayList<>(List.of("train"));
        for (String s : List.of("knet.data.format=parquet", "knet.data.train=" + table,
                "knet.data.cache-dir=" + dir.resolve("cache"), "knet.data.validation-size=100",
                "knet.network.hidden=[10]", "knet.training.batch-size=25", "knet.training.step-size=20",
                "knet.training.cycles=1")) {
            args.add("--set");
            args.add(s);
        }
        for (String s : extra) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }

    @Test
    void trainsOnATableAndPrintsNanWithoutATestTable() {
        Spec spec = new Spec(500, 8, 5, 3, 2, Labels.LONG, Features.ARRAY_INT);
        Path table = SyntheticTables.write(dir.resolve("t"), spec);
        InProcessKnet.Run run = InProcessKnet.knet(train(table));
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("400 train / 100 validation / 0 test rows, 8 features, 5 classes"), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("val_accuracy=0\\.\\d{4} test_accuracy=nan")), run.out());
        Path test = SyntheticTables.write(dir.resolve("test"), spec.withRows(200));
        InProcessKnet.Run tested = InProcessKnet.knet(train(table, "knet.data.test=" + test));
        assertEquals(0, tested.status(), tested.out() + tested.err());
        assertTrue(tested.out().lines().anyMatch(l -> l.matches("val_accuracy=0\\.\\d{4} test_accuracy=0\\.\\d{4}")),
                tested.out());
    }

    @Test
    void aBatchLargerThanTheTrainingRowsIsOneLine() {
        Path table = SyntheticTables.write(dir.resolve("t"), new Spec(120, 4, 2, 3, 1, Labels.INT, Features.ARRAY_FLOAT));
        InProcessKnet.Run run = InProcessKnet.knet(train(table, "knet.training.batch-size=50"));
        assertEquals(2, run.status(), run.out() + run.err());
        assertTrue(run.err().endsWith("knet: invalid value for knet.training.batch-size: 50 (expected at most the 20 "
                + "training rows of table " + table + ")\n"), run.err());
    }
}
