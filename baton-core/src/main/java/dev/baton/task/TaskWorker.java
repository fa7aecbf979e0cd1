package dev.baton.task;

/** A running worker; {@link #close()} stops it as {@link Tasks#startWorker} describes. */
public interface TaskWorker extends AutoCloseable {

    /** The replica id this worker records in task history. */
    String replica();

    /** The number of tasks this worker runs right now. */
    int running();

    @Override
    void close();
}
