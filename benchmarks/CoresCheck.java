// How many cores this machine really gives right now: the same CPU-bound loop on one thread, then on two
// threads at once (each the same work). Prints the two-thread speed-up: 2.0 on two free cores, 1.0 when
// another process takes the second one. benchmarks/spark-tagging.sh prints it before measuring.
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class CoresCheck {
  static double work() {
    double x = 0;
    for (long i = 0; i < 300_000_000L; i++) {
      x += Math.sqrt(i);
    }
    return x;
  }

  static double seconds(int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    List<Future<Double>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      fs.add(pool.submit(CoresCheck::work));
    }
    for (Future<Double> f : fs) {
      f.get();
    }
    pool.shutdown();
    return (System.nanoTime() - t0) / 1e9;
  }

  public static void main(String[] args) throws Exception {
    seconds(1); // warm-up
    double one = Math.min(seconds(1), seconds(1));
    double two = Math.min(seconds(2), seconds(2));
    System.out.printf("two-thread speed-up of a CPU-bound loop: %.2f (2.00 on two free cores)%n", 2 * one / two);
  }
}
