package org.knetsweep.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Sums the executor CPU time of finished tasks (Spark's task metrics) since the last reset. */
final class TaskCpu extends SparkListener {
    private long nanos;
    private int tasks;

    synchronized void reset() {
        nanos = 0;
        tasks = 0;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() == null) return;
        nanos += end.taskMetrics().executorCpuTime() + end.taskMetrics().executorDeserializeCpuTime();
        tasks++;
        notifyAll();
    }

    /** The CPU nanoseconds once {@code expected} tasks have reported (the listener bus is asynchronous). */
    synchronized long await(int expected) {
        long until = System.currentTimeMillis() + 10_000;
        while (tasks < expected && System.currentTimeMillis() < until) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return nanos;
    }
}
