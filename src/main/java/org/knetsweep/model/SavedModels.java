package org.knetsweep.model;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.Map;
import org.knetsweep.KnetException;
import org.knetsweep.config.RunConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.nn.NetworkState;
import org.knetsweep.results.ModelFiles;
import org.knetsweep.results.ResultStore;
import org.knetsweep.train.ModelSink;
import org.knetsweep.trial.TrialSpec;

/**
 * Model artifacts in a results root: saving the network a trial trained (on the executor that trained it) and
 * finding a model by path or by {@code SWEEP_ID[/TRIAL_ID]}.
 */
public final class SavedModels {
    /** The trial a sweep id alone names: the final stage's network. */
    public static final String FINAL_TRIAL = "final-000";

    private SavedModels() {
    }

    /**
     * Saves a finished run's network and its {@code models} row, unless the artifact is already stored (a resumed or
     * retried trial): exactly one artifact per trial.
     *
     * @return the row describing the artifact
     */
    public static ModelFiles.Row save(ResultStore store, String sweepId, String trialId, String configHash,
                                      RunConfig run, DataSplit split, NetworkState network, double testAccuracy) {
        TrainedModel model = TrainedModel.of(sweepId, trialId, configHash, run, split.features(), split.labelNames(),
                network, split.standardizer(), testAccuracy);
        ModelFiles files = new ModelFiles(store);
        Map<String, byte[]> content = model.files();
        files.write(sweepId, trialId, content);
        long bytes = content.values().stream().mapToLong(b -> b.length).sum();
        ModelFiles.Row row = new ModelFiles.Row(sweepId, trialId, files.dir(sweepId, trialId),
                ModelManifest.FORMAT_VERSION, bytes, testAccuracy);
        files.writeRow(row);
        return row;
    }

    /** The sink a trial runner gives its tasks: each saved network becomes an artifact in {@code store}. */
    public static ModelSink sink(ResultStore store) {
        return new StoreSink(store);
    }

    private record StoreSink(ResultStore store) implements ModelSink {
        @Override
        public void save(TrialSpec spec, DataSplit split, NetworkState network, double testAccuracy) {
            SavedModels.save(store, spec.sweepId(), spec.trialId(), spec.configHash(), spec.run(), split, network,
                    testAccuracy);
        }
    }

    /** Reads the artifact in folder {@code dir} (a local path or a Hadoop URI). */
    public static TrainedModel read(String dir, Map<String, String> hadoopConf) {
        return TrainedModel.read(dir, name -> ModelFiles.readFile(dir, name, hadoopConf));
    }

    /**
     * The model that {@code ref} names: a folder holding {@value ModelManifest#FILE} (a local path or a Hadoop URI),
     * or {@code SWEEP_ID} (its {@value #FINAL_TRIAL} model, or its only one) or {@code SWEEP_ID/TRIAL_ID}, looked up
     * in the {@code models} table of {@code store}.
     */
    public static TrainedModel resolve(String ref, ResultStore store) {
        if (ref == null || ref.isBlank()) throw new KnetException("no model given: a model folder or SWEEP_ID[/TRIAL_ID]");
        if (looksLikePath(ref)) return read(ref, store.hadoopConf());
        int slash = ref.indexOf('/');
        String sweepId = slash < 0 ? ref : ref.substring(0, slash);
        String trialId = slash < 0 ? null : ref.substring(slash + 1);
        List<ModelFiles.Row> rows = new ModelFiles(store).readRows(sweepId);
        if (rows.isEmpty())
            throw new KnetException("'" + ref + "' is neither a model folder (no " + ModelManifest.FILE + ") nor a "
                    + "sweep with saved models in " + store.root() + " (no rows in its models table)");
        ModelFiles.Row row;
        if (trialId != null) {
            row = rows.stream().filter(r -> r.trialId().equals(trialId)).findFirst()
                    .orElseThrow(() -> new KnetException("sweep " + sweepId + " has no saved model of trial " + trialId
                            + "; saved: " + rows.stream().map(ModelFiles.Row::trialId).toList()));
        } else if (rows.size() == 1) {
            row = rows.get(0);
        } else {
            row = rows.stream().filter(r -> r.trialId().equals(FINAL_TRIAL)).findFirst()
                    .orElseThrow(() -> new KnetException("sweep " + sweepId + " has " + rows.size() + " saved models; "
                            + "name one as SWEEP_ID/TRIAL_ID: " + rows.stream().map(ModelFiles.Row::trialId).toList()));
        }
        return read(row.path(), store.hadoopConf());
    }

    /** A Hadoop URI, or a local folder holding a manifest, or anything with more than one slash. */
    private static boolean looksLikePath(String ref) {
        if (ref.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) return true;
        try {
            if (Files.isDirectory(java.nio.file.Path.of(ref))) return true;
        } catch (InvalidPathException e) {
            return false;
        }
        return ref.startsWith("/") || ref.startsWith(".") || ref.indexOf('/') != ref.lastIndexOf('/');
    }
}
