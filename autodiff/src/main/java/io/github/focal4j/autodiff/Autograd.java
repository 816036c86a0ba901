package io.github.focal4j.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reverse-mode engine.
 *
 * <p>One backward pass: collect the graph's op nodes in topological order with an iterative
 * depth-first search (no recursion, so a 100,000-op chain is fine), seed the output's gradient,
 * then visit the nodes in reverse order, handing each node's {@link Backward} its output gradient
 * and one accumulator per input. Each node is visited once. After its backward has run a node drops
 * its inputs, its backward function and its gradient, so the graph becomes garbage as soon as the
 * pass ends; a second pass over the same graph fails with {@link IllegalStateException}.
 */
public final class Autograd {

  private static final AtomicLong PASS = new AtomicLong();

  private Autograd() {}

  /** {@code root.backward()}: root must have one element; accumulates into leaves' gradients. */
  public static void backward(Tensor root) {
    if (root.numel() != 1) {
      throw new IllegalArgumentException(
          "backward() needs a scalar (one element), got shape "
              + Shape.format(root.shape())
              + "; pass a gradient of that shape instead");
    }
    run(root, new double[] {1.0}, null);
  }

  /**
   * Vector-Jacobian product: seeds {@code root}'s gradient with {@code gradOutput} (same shape).
   */
  public static void backward(Tensor root, Tensor gradOutput) {
    if (!Arrays.equals(root.shape(), gradOutput.shape())) {
      throw new IllegalArgumentException(
          "backward: gradient shape "
              + Shape.format(gradOutput.shape())
              + " does not match output shape "
              + Shape.format(root.shape()));
    }
    run(root, gradOutput.toArray(), null);
  }

  /**
   * The gradients of scalar {@code root} with respect to {@code inputs}, returned rather than
   * accumulated: no tensor's {@link Tensor#grad()} changes, so worker threads may run this
   * concurrently on graphs that share leaf parameters. An input the root does not depend on gets a
   * zero gradient.
   *
   * @return one gradient per input, each with that input's shape
   * @throws IllegalArgumentException if root is not a scalar or an input does not require grad
   */
  public static List<Tensor> grad(Tensor root, List<Tensor> inputs) {
    if (root.numel() != 1) {
      throw new IllegalArgumentException(
          "grad needs a scalar root, got shape " + Shape.format(root.shape()));
    }
    for (int i = 0; i < inputs.size(); i++) {
      if (!inputs.get(i).requiresGrad) {
        throw new IllegalArgumentException("grad: input " + i + " does not require grad");
      }
    }
    Map<Tensor, double[]> captured = new IdentityHashMap<>();
    for (Tensor t : inputs) {
      captured.put(t, null);
    }
    run(root, new double[] {1.0}, captured);
    List<Tensor> out = new ArrayList<>(inputs.size());
    for (Tensor t : inputs) {
      double[] g = captured.get(t);
      out.add(Tensor.of(g == null ? new double[t.numel()] : g, t.shape()));
    }
    return out;
  }

  /**
   * @param captured null: accumulate into leaves' {@code grad}. Otherwise: leaves' gradients go
   *     into this map (keys present beforehand are the requested tensors, non-leaves included), and
   *     no tensor is mutated except the graph's own op nodes.
   */
  private static void run(Tensor root, double[] seed, Map<Tensor, double[]> captured) {
    if (root.released) {
      throw freed(root);
    }
    if (!root.requiresGrad) {
      throw new IllegalStateException(
          "backward: the tensor does not require grad (no input of '"
              + root.op()
              + "' requires grad, or it was computed inside a NoGrad scope)");
    }
    if (root.inputs == null) {
      // A leaf: its gradient is the seed itself.
      addTo(leafBuffer(root, captured), seed);
      return;
    }
    List<Tensor> order = topologicalOrder(root);
    root.grad = seed.clone();
    try {
      for (int n = order.size() - 1; n >= 0; n--) {
        Tensor node = order.get(n);
        Tensor[] ins = node.inputs;
        double[][] bufs = new double[ins.length][];
        for (int i = 0; i < ins.length; i++) {
          Tensor in = ins[i];
          if (!in.requiresGrad) {
            continue;
          }
          if (in.inputs != null) {
            if (in.grad == null) {
              in.grad = new double[in.numel()];
            }
            bufs[i] = in.grad;
          } else {
            bufs[i] = leafBuffer(in, captured);
          }
        }
        node.backward.apply(node.grad, bufs);
        if (captured != null && captured.containsKey(node)) {
          captured.put(node, node.grad);
        }
        release(node);
      }
    } finally {
      for (Tensor node : order) {
        release(node);
      }
    }
  }

  private static double[] leafBuffer(Tensor leaf, Map<Tensor, double[]> captured) {
    if (captured == null) {
      if (leaf.grad == null) {
        leaf.grad = new double[leaf.numel()];
      }
      return leaf.grad;
    }
    double[] g = captured.get(leaf);
    if (g == null) {
      g = new double[leaf.numel()];
      captured.put(leaf, g);
    }
    return g;
  }

  private static void addTo(double[] acc, double[] g) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += g[i];
    }
  }

  private static void release(Tensor node) {
    node.inputs = null;
    node.backward = null;
    node.grad = null;
    node.released = true;
  }

  /** Op nodes reachable from root through op nodes, each after all of its inputs (root last). */
  private static List<Tensor> topologicalOrder(Tensor root) {
    long pass = PASS.incrementAndGet();
    List<Tensor> order = new ArrayList<>();
    Tensor[] stack = new Tensor[16];
    int[] next = new int[16];
    int top = 0;
    stack[0] = root;
    root.visit = pass;
    while (top >= 0) {
      Tensor node = stack[top];
      Tensor[] ins = node.inputs;
      if (next[top] < ins.length) {
        Tensor child = ins[next[top]++];
        if (child.released) {
          throw freed(child);
        }
        if (child.inputs != null && child.visit != pass) {
          child.visit = pass;
          if (++top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
            next = Arrays.copyOf(next, top * 2);
          }
          stack[top] = child;
          next[top] = 0;
        }
      } else {
        order.add(node);
        top--;
      }
    }
    return order;
  }

  private static IllegalStateException freed(Tensor t) {
    return new IllegalStateException(
        "backward through a graph that has already been freed (at op '"
            + t.op()
            + "'): each graph supports one backward pass; build it again for another");
  }
}
