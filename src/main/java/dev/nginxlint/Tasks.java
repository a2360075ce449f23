package dev.nginxlint;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Shared by the places that compute something once, on whichever thread gets there first. */
public final class Tasks {
  private Tasks() {}

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
