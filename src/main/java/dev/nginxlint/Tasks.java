package dev.nginxlint;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Shared by the places that compute something once, on whichever thread gets there first, and
 * by those that hand big inputs to a second thread.
 */
public final class Tasks {
  private Tasks() {}

  /**
   * Whether work may go to a helper thread: two cores or more, and not -Dnginxlint.sequential.
   * Each place also has a size below which a helper costs more than it saves.
   */
  public static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() >= 2
      && !Boolean.getBoolean("nginxlint.sequential");

  /**
   * The input size from which a place uses a helper thread: {@code usual}, unless
   * -Dnginxlint.parallelFrom=BYTES says otherwise (the launcher's class-archive training runs
   * use 0, so the archive holds the classes of those paths too).
   */
  public static long parallelFrom(long usual) {
    return Long.getLong("nginxlint.parallelFrom", usual);
  }

  /**
   * The task's result: runs it on this thread unless another thread runs or ran it, then waits
   * (an interrupt is kept for later, not lost). A failure is rethrown as it was thrown: an
   * unchecked one as is, a checked one of type {@code checked} as is, anything else wrapped.
   */
  public static <T, X extends Exception> T join(FutureTask<T> task, Class<X> checked) throws X {
    task.run();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          if (checked.isInstance(cause)) {
            throw checked.cast(cause);
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
