package io.github.focal4j.ner.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT and SIGTERM into a clean stop of a training run: a JVM shutdown hook asks the run to
 * stop after its current step, then waits (up to two minutes) for the main thread to write the
 * final checkpoint and print how to resume. The JVM then exits with 128 + the signal number (130
 * for SIGINT, 143 for SIGTERM). Close it when the work is done: a signal after that ends the JVM at
 * once.
 */
final class SignalStop implements AutoCloseable {

  private static final CountDownLatch MAIN_DONE = new CountDownLatch(1);
  private static volatile boolean shuttingDown;

  private final Thread hook;

  /**
   * Installs the hook; {@code onSignal} must only request the stop (it runs on the hook thread).
   */
  SignalStop(Runnable onSignal) {
    this.hook =
        new Thread(
            () -> {
              shuttingDown = true;
              onSignal.run();
              try {
                MAIN_DONE.await(2, TimeUnit.MINUTES);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "focal4j-signal-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** True once a signal started the JVM's shutdown. */
  static boolean shuttingDown() {
    return shuttingDown;
  }

  /** The main thread is done: the hook may return and let the JVM exit. */
  static void mainFinished() {
    MAIN_DONE.countDown();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the shutdown is in progress: the hook is running and waits for mainFinished()
    }
  }
}
