package org.knetsweep.spark;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.knetsweep.KnetException;
import org.knetsweep.bench.NativeInfo;
import org.knetsweep.config.DataConfig;
import org.knetsweep.model.SavedModels;
import org.knetsweep.results.ResultStore;
import org.knetsweep.sweep.StageProgress;
import org.knetsweep.sweep.TrialRunner;
import org.knetsweep.sweep.TrialTask;
import org.knetsweep.train.ModelSink;
import org.knetsweep.train.TrainingData;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs each trial as one Spark task: the driver parallelizes the stage's {@link TrialSpec}s, one per partition, and
 * every task trains on its executor's shared data ({@link TrainingData#shared}), stores its row and reports a
 * {@link TrialSummary} through an accumulator that the driver polls for progress. BLAS runs one thread per task,
 * or {@code spark.task.cpus} threads when that is set.
 */
public final class SparkTrialRunner implements TrialRunner {
    private final JavaSparkContext jsc;
    private final ResultStore store;
    private ExecutorService jobs;

    public SparkTrialRunner(JavaSparkContext jsc, ResultStore store) {
        this.jsc = jsc;
        this.store = store;
    }

    @Override
    public int slots() {
        int taskCpus = jsc.getConf().getInt("spark.task.cpus", 1);
        return Math.max(1, jsc.sc().defaultParallelism() / taskCpus);
    }

    /** What one executor reported when it loaded the data. */
    public record DataLoad(String executorId, String host, long loadMs, long peakRssMb) implements java.io.Serializable {
    }

    /**
     * Loads and standardizes the data on the executors before any trial, so that the stages' timings measure
     * training; returns one report per task (several tasks of one executor share one load).
     */
    public List<DataLoad> preload(DataConfig data, long seed) {
        int n = slots();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) idx.add(i);
        jsc.setJobDescription("knet: load " + (data.isTable() ? "the table" : "CIFAR-10") + " on the executors");
        try {
            return jsc.parallelize(idx, n).map(i -> {
                long t0 = System.nanoTime();
                TrainingData.shared(data, seed, System.err);
                warmUpNumerics();
                return new DataLoad(SparkEnv.get().executorId(), host(), (System.nanoTime() - t0) / 1_000_000,
                        NativeInfo.peakRssMb());
            }).collect();
        } finally {
            jsc.setJobDescription(null);
        }
    }

    @Override
    public List<TrialSummary> run(Stage stage, List<TrialSpec> specs, StageProgress progress) {
        CollectionAccumulator<TrialSummary> finished = jsc.sc().collectionAccumulator("knet " + stage.label());
        ResultStore store = this.store;
        ModelSink models = SavedModels.sink(store);
        jsc.setJobDescription("knet: " + stage.label() + " stage, " + specs.size() + " trials");
        JavaFutureAction<List<TrialSummary>> job = jsc.parallelize(specs, specs.size()).map(spec -> {
            TrialSummary s = TrialTask.run(spec, store, models, identity(), System.err);
            finished.add(s);
            return s;
        }).collectAsync();
        jsc.setJobDescription(null);
        int reported = 0;
        try {
            while (true) {
                try {
                    List<TrialSummary> all = job.get(1, TimeUnit.SECONDS);
                    List<TrialSummary> acc = snapshot(finished);
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (TrialSummary a : acc) seen.add(a.trialId());
                    for (TrialSummary s : all) if (seen.add(s.trialId())) acc.add(s); // linear, for thousands of trials
                    for (int i = reported; i < acc.size(); i++) progress.finished(acc.get(i), 0);
                    return all;
                } catch (TimeoutException e) {
                    List<TrialSummary> acc = snapshot(finished);
                    int running = Math.min(Math.min(slots(), specs.size() - acc.size()), runningTasks(job));
                    for (int i = reported; i < acc.size(); i++) progress.finished(acc.get(i), running);
                    reported = Math.max(reported, acc.size());
                    progress.tick(running);
                }
            }
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new KnetException("interrupted while the " + stage.label() + " stage ran");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KnetException("the " + stage.label() + " stage failed on Spark: " + cause.getMessage(), cause);
        }
    }

    /**
     * One trial as its own Spark job of one task, submitted from a driver thread (as MLlib's CrossValidator runs its
     * fits with {@code parallelism}): the ask/tell stream of an adaptive stage keeps every slot busy this way.
     */
    @Override
    public synchronized CompletableFuture<TrialSummary> start(TrialSpec spec) {
        if (jobs == null) jobs = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "knet-trial-job");
            t.setDaemon(true);
            return t;
        });
        ResultStore store = this.store;
        ModelSink models = SavedModels.sink(store);
        return CompletableFuture.supplyAsync(() -> {
            jsc.setJobDescription("knet: " + spec.trialId() + (spec.rung() == null ? "" : " rung " + spec.rung().index()));
            try {
                TrialSummary[] result = new TrialSummary[1];
                jsc.sc().runJob(jsc.parallelize(List.of(spec), 1).rdd(), new RunTrial(store, models), ONE_PARTITION,
                        (Object partition, TrialSummary s) -> {
                            result[0] = s;
                            return BoxedUnit.UNIT;
                        }, ClassTag$.MODULE$.apply(TrialSummary.class));
                return result[0];
            } catch (RuntimeException e) {
                throw new CompletionException(new KnetException("trial " + spec.trialId() + " failed on Spark: "
                        + e.getMessage(), e));
            } finally {
                jsc.setJobDescription(null);
            }
        }, jobs);
    }

    /** The partitions of a one-trial job. */
    private static final Seq<Object> ONE_PARTITION = CollectionConverters.asScala(List.<Object>of(0)).toSeq();

    /**
     * The task of a one-trial job, given to {@code SparkContext.runJob} as an ordinary serializable class: Spark's
     * closure cleaner reads the bytecode of every closure it is handed ({@code collect}'s own, {@code map}'s wrapper
     * of a Java function) on every job, which took most of the driver's time per job in a stream of tiny trials
     * (measured with JFR), while an ordinary class is only checked for serializability.
     */
    private static final class RunTrial extends AbstractFunction2<TaskContext, Iterator<TrialSpec>, TrialSummary>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final ResultStore store;
        private final ModelSink models;

        RunTrial(ResultStore store, ModelSink models) {
            this.store = store;
            this.models = models;
        }

        @Override
        public TrialSummary apply(TaskContext context, Iterator<TrialSpec> specs) {
            return TrialTask.run(specs.next(), store, models, identity(), System.err);
        }
    }

    private static List<TrialSummary> snapshot(CollectionAccumulator<TrialSummary> acc) {
        synchronized (acc) {
            return new ArrayList<>(acc.value());
        }
    }

    private int runningTasks(JavaFutureAction<?> job) {
        int running = 0;
        for (int jobId : job.jobIds()) {
            SparkJobInfo info = jsc.statusTracker().getJobInfo(jobId);
            if (info == null) continue;
            for (int stageId : info.stageIds()) {
                SparkStageInfo st = jsc.statusTracker().getStageInfo(stageId);
                if (st != null) running += st.numActiveTasks();
            }
        }
        return running;
    }

    /**
     * Loads ND4J's native backend and OpenBLAS and runs a few tiny products, so that an executor's first trial does
     * not pay for it (seconds on a fresh JVM) and stage timings measure training.
     */
    static void warmUpNumerics() {
        for (org.knetsweep.config.Precision p : org.knetsweep.config.Precision.values()) {
            org.knetsweep.nn.Mat a = org.knetsweep.nn.Mat.zeros(p, 8, 8);
            org.knetsweep.nn.Mat.gemm(a, false, a, true, org.knetsweep.nn.Mat.zeros(p, 8, 8), 1, 0);
        }
    }

    /** Called in the task: sets the BLAS thread count and tells where the task runs. */
    static TrialTask.Identity identity() {
        TaskContext tc = TaskContext.get();
        int cpus = tc == null ? 1 : Math.max(1, tc.cpus());
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(cpus);
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        return new TrialTask.Identity(executor, host(), tc == null ? 0 : tc.attemptNumber());
    }

    private static String host() {
        SparkEnv env = SparkEnv.get();
        if (env != null && env.blockManager() != null && env.blockManager().blockManagerId() != null)
            return env.blockManager().blockManagerId().host();
        return "localhost";
    }
}
