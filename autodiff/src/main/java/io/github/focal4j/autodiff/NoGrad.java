package io.github.focal4j.autodiff;

/**
 * A scope in which ops record no graph, for inference and for parameter updates:
 *
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *   Tensor logits = model.forward(batch);   // no graph, no memory held for backward
 * }
 * }</pre>
 *
 * <p>Scopes nest and are per thread. Closing a scope twice, or on another thread, throws {@link
 * IllegalStateException}.
 */
public final class NoGrad implements AutoCloseable {

  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private final Thread owner = Thread.currentThread();
  private boolean closed;

  private NoGrad() {}

  /** Enters a no-grad scope on the current thread. */
  public static NoGrad enter() {
    DEPTH.get()[0]++;
    return new NoGrad();
  }

  /**
   * {@code true} when ops on the current thread record a graph (no enclosing {@link NoGrad} scope).
   */
  public static boolean isGradEnabled() {
    return DEPTH.get()[0] == 0;
  }

  @Override
  public void close() {
    if (closed) {
      throw new IllegalStateException("NoGrad scope closed twice");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "NoGrad scope entered on "
              + owner.getName()
              + " closed on "
              + Thread.currentThread().getName());
    }
    closed = true;
    DEPTH.get()[0]--;
  }
}
