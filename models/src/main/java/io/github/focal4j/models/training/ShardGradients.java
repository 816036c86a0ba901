package io.github.focal4j.models.training;

import io.github.focal4j.autodiff.Tensor;
import io.github.focal4j.models.Module;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The batch gradient of every parameter, summed from the shard replicas in shard order. Row-sparse
 * parameters (embeddings) are summed, measured, scaled and cleared on the touched rows only; every
 * element still sees {@code 0 + g₀ + g₁ + …} in the same order as a dense sum, so the result is the
 * same bits.
 */
final class ShardGradients {

  /**
   * Elements per optimizer task: large enough to amortise a task, small enough to balance two
   * threads.
   */
  private static final int CHUNK = 1 << 15;

  private final List<String> names;
  private final double[][] total;
  private final int[] rowWidth;
  private final int[][] rows; // touched rows of the current step, null = dense

  ShardGradients(List<String> names, List<Tensor> params) {
    this.names = names;
    this.total = new double[params.size()][];
    this.rowWidth = new int[params.size()];
    this.rows = new int[params.size()][];
    for (int i = 0; i < total.length; i++) {
      Tensor p = params.get(i);
      total[i] = new double[p.numel()];
      rowWidth[i] = p.rank() == 0 ? 1 : p.numel() / Math.max(1, p.size(0));
    }
  }

  double[][] buffers() {
    return total;
  }

  /**
   * Sums the replicas' gradients (shard order) into the totals and clears the replicas' gradients.
   */
  void reduce(List<? extends Module> replicas, List<List<Tensor>> replicaParams) {
    for (int i = 0; i < total.length; i++) {
      int[][] shardRows = new int[replicas.size()][];
      boolean dense = false;
      for (int s = 0; s < replicas.size(); s++) {
        shardRows[s] = replicas.get(s).touchedRows(names.get(i));
        dense |= shardRows[s] == null;
      }
      double[] t = total[i];
      int w = rowWidth[i];
      for (int s = 0; s < replicas.size(); s++) {
        double[] g = replicaParams.get(s).get(i).gradBuffer();
        if (g == null) {
          continue;
        }
        if (dense || shardRows[s] == null) {
          for (int k = 0; k < t.length; k++) {
            t[k] += g[k];
          }
          Arrays.fill(g, 0.0);
        } else {
          for (int r : shardRows[s]) {
            int base = r * w;
            for (int k = base; k < base + w; k++) {
              t[k] += g[k];
              g[k] = 0.0;
            }
          }
        }
      }
      rows[i] = dense ? null : union(shardRows);
    }
    replicas.forEach(Module::clearTouchedRows);
  }

  /** Global L2 norm of the totals, in element order. */
  double norm() {
    double s = 0;
    for (int i = 0; i < total.length; i++) {
      double[] t = total[i];
      if (rows[i] == null) {
        for (double x : t) {
          s += x * x;
        }
      } else {
        for (int r : rows[i]) {
          for (int k = r * rowWidth[i]; k < (r + 1) * rowWidth[i]; k++) {
            s += t[k] * t[k];
          }
        }
      }
    }
    return Math.sqrt(s);
  }

  void scale(double coef) {
    forEachTouched(
        (t, from, to) -> {
          for (int k = from; k < to; k++) {
            t[k] *= coef;
          }
        });
  }

  void clear() {
    forEachTouched((t, from, to) -> Arrays.fill(t, from, to, 0.0));
  }

  /**
   * The optimizer's update of every element of every parameter, as tasks for {@code workers}
   * threads.
   */
  List<Callable<Void>> updateTasks(Optimizer optimizer, double lr, int workers) {
    List<int[]> chunks = new ArrayList<>();
    for (int i = 0; i < total.length; i++) {
      for (int from = 0; from < total[i].length; from += CHUNK) {
        chunks.add(new int[] {i, from, Math.min(total[i].length, from + CHUNK)});
      }
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int wk = 0; wk < workers; wk++) {
      int first = wk;
      tasks.add(
          () -> {
            for (int c = first; c < chunks.size(); c += workers) {
              int[] ch = chunks.get(c);
              optimizer.update(ch[0], total[ch[0]], ch[1], ch[2], lr);
            }
            return null;
          });
    }
    return tasks;
  }

  private interface Range {
    void apply(double[] t, int from, int to);
  }

  private void forEachTouched(Range f) {
    for (int i = 0; i < total.length; i++) {
      if (rows[i] == null) {
        f.apply(total[i], 0, total[i].length);
      } else {
        for (int r : rows[i]) {
          f.apply(total[i], r * rowWidth[i], (r + 1) * rowWidth[i]);
        }
      }
    }
  }

  private static int[] union(int[][] sorted) {
    int n = 0;
    for (int[] a : sorted) {
      n += a.length;
    }
    int[] all = new int[n];
    int p = 0;
    for (int[] a : sorted) {
      System.arraycopy(a, 0, all, p, a.length);
      p += a.length;
    }
    Arrays.sort(all);
    int u = 0;
    for (int k = 0; k < all.length; k++) {
      if (k == 0 || all[k] != all[k - 1]) {
        all[u++] = all[k];
      }
    }
    return Arrays.copyOf(all, u);
  }
}
