package dev.nginxlint.exec;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The only place that starts threads (ArchitectureTest holds every other package to that). Every
 * helper is a daemon, named "nginx-lint-..." for thread dumps, with the stack size its work needs
 * (rules and the tree builder may recurse as deep as a config nests).
 */
public final class Threads {
  private Threads() {}

  /** Runs {@code work} on a new thread with a stack of {@code stackBytes} and waits for it. */
  public static void runWithStack(String name, long stackBytes, Runnable work) throws InterruptedException {
    Thread t = new Thread(null, work, name, stackBytes);
    t.start();
    t.join();
  }

  /** Starts {@code work} on a daemon thread and returns at once (nobody waits for it). */
  public static void startDaemon(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
  }

  /**
   * Starts {@code task} on a daemon thread (stack {@code stackBytes}, 0: the JVM's default);
   * {@link #join} takes its result.
   */
  public static <T> FutureTask<T> fork(String name, long stackBytes, FutureTask<T> task) {
    Thread t = new Thread(null, task, name, stackBytes);
    t.setDaemon(true);
    t.start();
    return task;
  }

  /**
   * Runs the jobs on this thread and a helper (stack {@code stackBytes}), each taking the next job
   * not yet taken; an Error or unexpected exception on either is rethrown here once both are done.
   */
  public static void shareOnTwoThreads(List<? extends Runnable> jobs, String name, long stackBytes) {
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < jobs.size(); i = next.getAndIncrement()) {
        jobs.get(i).run();
      }
    };
    Throwable[] thrown = new Throwable[1];
    Thread helper = new Thread(null, () -> {
      try {
        worker.run();
      } catch (Throwable t) {
        thrown[0] = t;
      }
    }, name, stackBytes);
    helper.setDaemon(true);
    helper.start();
    Throwable mine = null;
    try {
      worker.run();
    } catch (Throwable t) {
      mine = t;
    }
    boolean interrupted = false;
    while (true) {
      try {
        helper.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = mine != null ? mine : thrown[0];
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }

  /** A fixed pool of daemon threads named {@code name}-1, -2, ... (the caller shuts it down). */
  public static ExecutorService pool(String name, int threads, long stackBytes) {
    return Executors.newFixedThreadPool(threads, daemons(name + "-", stackBytes));
  }

  /** One daemon thread that runs tasks in order, some after a delay (the caller shuts it down). */
  public static ScheduledExecutorService serial(String name, long stackBytes) {
    return Executors.newSingleThreadScheduledExecutor(daemons(name, stackBytes));
  }

  /** Runs each task on a new daemon thread: for waits that must not hold up anything else. */
  public static Executor waiter(String name) {
    return task -> startDaemon(name, task);
  }

  private static ThreadFactory daemons(String name, long stackBytes) {
    AtomicInteger n = new AtomicInteger();
    boolean numbered = name.endsWith("-");
    return r -> {
      Thread t = new Thread(null, r, numbered ? name + n.incrementAndGet() : name, stackBytes);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The task's result: runs it on this thread unless another thread runs or ran it, then waits
   * (an interrupt is kept for later, not lost). A failure is rethrown as it was thrown: an
   * unchecked one as is, a checked one of type {@code checked} as is, anything else wrapped.
   * Also what a value computed once, by whichever thread asks first, is taken with.
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
