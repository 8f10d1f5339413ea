package io.realcast.webhooks.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The parent's handle on a {@link DelivererMain} child JVM: start, CPU time, heap, attempts, stop. */
final class DelivererProcess implements AutoCloseable {
  private final Process process;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile long attempts;
  private volatile long peakHeapUsed;
  private volatile long peakHeapCommitted;
  private volatile long peakHeapAfterGc;
  private volatile String outcomes = "-";
  private volatile String deferrals = "-";
  /** The deliverer's own retry lateness so far: "count,p50 ms,p99 ms". */
  private volatile BenchReport.RetryLateness retryLateness = BenchReport.RetryLateness.NONE;

  private DelivererProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readStdout, "bench-deliverer-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a deliverer JVM with {@code env} (REALCAST_* settings) and waits for it to be consuming. */
  static DelivererProcess start(List<String> jvmOptions, Map<String, String> env, Path log, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DelivererMain.class.getName()));
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    DelivererProcess child = new DelivererProcess(builder.start());
    if (!child.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      child.close();
      throw new TimeoutException("the deliverer JVM did not start within " + timeout + "; see " + log);
    }
    return child;
  }

  long pid() {
    return process.pid();
  }

  /** User + system CPU time of the whole deliverer JVM so far, from /proc/PID/stat. */
  long cpuNanos() {
    return ProcessThreads.cpuNanos(process.pid());
  }

  /** CPU time of the JIT compiler threads so far: a cost of warming up that a long-running deliverer no longer pays. */
  long compilerCpuNanos() {
    return ProcessThreads.jvmCpuNanos(process.pid()).getOrDefault(ProcessThreads.JIT, 0L);
  }

  /** CPU seconds by thread group (the thread name with its digits dropped), largest first: where the CPU went. */
  LinkedHashMap<String, Double> cpuSecondsByThreadGroup() {
    Map<String, Long> groups = new HashMap<>();
    ProcessThreads.cpuNanosByName(process.pid()).forEach((name, nanos) ->
        groups.merge(name.replaceAll("[0-9]+", "#").replaceAll("[-_]?[a-z0-9]{8}$", ""), nanos, Long::sum));
    LinkedHashMap<String, Double> sorted = new LinkedHashMap<>();
    groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() / 1e7) / 100.0));
    return sorted;
  }

  long attempts() {
    return attempts;
  }

  /** Attempts by outcome code, as {@code 2xx=41000,timeout=12}. */
  String outcomes() {
    return outcomes;
  }

  /** Deliveries handed to a retry topic without an attempt, by reason, as {@code slow_webhook=1200}. */
  String deferrals() {
    return deferrals;
  }

  BenchReport.RetryLateness retryLateness() {
    return retryLateness;
  }

  long peakHeapUsed() {
    return peakHeapUsed;
  }

  long peakHeapCommitted() {
    return peakHeapCommitted;
  }

  long peakHeapAfterGc() {
    return peakHeapAfterGc;
  }

  private void readStdout() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals(DelivererMain.READY)) {
          ready.countDown();
        } else if (line.startsWith(DelivererMain.STATS + " ")) {
          String[] f = line.split(" ");
          attempts = Long.parseLong(f[1]);
          peakHeapUsed = Long.parseLong(f[2]);
          peakHeapCommitted = Long.parseLong(f[3]);
          peakHeapAfterGc = Long.parseLong(f[4]);
          outcomes = f.length > 5 ? f[5] : "-";
          retryLateness = f.length > 6 ? BenchReport.RetryLateness.parse(f[6]) : BenchReport.RetryLateness.NONE;
          deferrals = f.length > 7 ? f[7] : "-";
        }
      }
    } catch (IOException | RuntimeException e) {
      // The child went away; close() reports how it ended.
    }
  }

  /** Asks the child to stop cleanly, then destroys it (by its own handle) if it does not. */
  @Override
  public void close() {
    try (OutputStream in = process.getOutputStream()) {
      in.write("STOP\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Already gone.
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
