package io.github.focal4j.models;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The worker threads of data-parallel training and of batched prediction: a pool of daemon threads
 * (they never keep the JVM alive), and running a list of tasks on it with the first failure
 * rethrown as itself.
 */
public final class Parallel {

  private Parallel() {}

  /** A fixed pool of {@code threads} daemon threads called {@code name}. */
  public static ExecutorService daemonPool(int threads, String name) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Runs the tasks on {@code pool} and waits for all of them (or runs them in order on this thread
   * when {@code pool} is null or there is only one task), rethrowing the first failure: a runtime
   * exception or error as itself, a checked exception wrapped in an {@link IllegalStateException}.
   *
   * @param what what the tasks do, for the message when the waiting thread is interrupted
   * @throws IllegalStateException if interrupted ("{@code what} interrupted")
   */
  public static void runAll(
      List<? extends Callable<Void>> tasks, ExecutorService pool, String what) {
    if (pool == null || tasks.size() <= 1) {
      for (Callable<Void> t : tasks) {
        try {
          t.call();
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return;
    }
    try {
      List<Future<Void>> fs = pool.invokeAll(tasks);
      for (Future<Void> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
