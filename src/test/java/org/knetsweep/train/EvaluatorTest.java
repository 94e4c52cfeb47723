package org.knetsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.Workspace;

class EvaluatorTest {
    @Test
    void chunkedReusedEvaluationEqualsOneWholePass() {
        ImageSet images = TrainerTest.learnable(730, 9); // chunks of 500 and 230
        Standardizer std = Standardizer.fit(images, ImageSet.FEATURES);
        NetworkConfig cfg = new NetworkConfig(List.of(20, 10), true, InitScheme.HE, 0.1, 0.9, 1e-8);
        Network net = new Network(cfg, ImageSet.FEATURES, ImageSet.CLASSES, Precision.FLOAT64, 4);
        // one training-mode pass so that the moving averages are not the initial ones
        Workspace train = net.workspace(100);
        byte[] trainLabels = new byte[100];
        new Batcher(images, std).fill(train.x, null, 0, trainLabels);
        net.forwardTrain(train, trainLabels, 0, true);

        Workspace whole = net.workspace(730);
        byte[] labels = new byte[730];
        new Batcher(images, std).fill(whole.x, null, 0, labels);
        net.forwardTest(whole, labels, 0);
        double lambda = 0.01;
        double loss = whole.lossSum() / 730;

        Evaluator evaluator = new Evaluator(net, std);
        for (int round = 0; round < 2; round++) { // the second round reuses the workspaces
            Evaluation e = evaluator.evaluate(images, 0, lambda);
            assertEquals(loss, e.loss(), 1e-12);
            assertEquals(loss + lambda * net.weightSquares(), e.cost(), 1e-12);
            assertEquals(whole.correct() / 730.0, e.accuracy(), 0.0);
        }
        Evaluation first = evaluator.evaluate(images, 250, lambda);
        double firstLoss = 0;
        for (int i = 0; i < 250; i++) firstLoss += whole.losses[i];
        assertEquals(firstLoss / 250, first.loss(), 1e-12);
        assertTrue(Double.isNaN(evaluator.evaluate(new ImageSet(new byte[0], new byte[0]), 0, lambda).accuracy()));
    }

    @Test
    void precomputedTableGivesTheSameFloat32EvaluationAsStandardizingOnTheFly() {
        ImageSet images = TrainerTest.learnable(620, 12);
        Standardizer std = Standardizer.fit(images, ImageSet.FEATURES);
        NetworkConfig cfg = new NetworkConfig(List.of(16), true, InitScheme.HE, 0.1, 0.9, 1e-8);
        Network net = new Network(cfg, ImageSet.FEATURES, ImageSet.CLASSES, Precision.FLOAT32, 6);
        Evaluator evaluator = new Evaluator(net, std);
        Evaluation onTheFly = evaluator.evaluate(images, 0, 0.01);
        Evaluation fromTable = evaluator.evaluate(Batcher.precomputed(images, std), 0, 0.01);
        assertEquals(onTheFly, fromTable);
        assertEquals(evaluator.evaluate(images, 300, 0.01), evaluator.evaluate(Batcher.precomputed(images, std), 300, 0.01));
    }
}
