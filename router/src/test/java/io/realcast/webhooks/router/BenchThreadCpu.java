package io.realcast.webhooks.router;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where the benchmark JVM's CPU went, by group of Java threads: the router's stream threads, their producers'
 * network threads, the rest of the router, the broker (in the same JVM) and the benchmark's own threads. What the process used beyond all Java threads is the JVM's own
 * work (JIT compilers, GC), which no Java thread shows. Threads that end between two snapshots are not counted.
 */
final class BenchThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  static final String BENCHMARK = "benchmark";
  static final String JVM = "JVM (JIT, GC)";
  private static final String[] GROUPS = {"stream threads", "their producers", "other router threads", "broker", BENCHMARK};

  private final Map<Long, String> names = new HashMap<>();
  private final Map<Long, Long> nanos = new HashMap<>();

  private BenchThreadCpu() {}

  static BenchThreadCpu snapshot() {
    BenchThreadCpu s = new BenchThreadCpu();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = THREADS.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        s.names.put(info.getThreadId(), info.getThreadName());
        s.nanos.put(info.getThreadId(), cpu);
      }
    }
    return s;
  }

  /**
   * CPU seconds per group between {@code before} and this snapshot, in a fixed order; the JVM's own share is what
   * {@code processCpuSeconds} has beyond all Java threads.
   */
  Map<String, Double> since(BenchThreadCpu before, double processCpuSeconds) {
    Map<String, Double> groups = new LinkedHashMap<>();
    for (String group : GROUPS) {
      groups.put(group, 0.0);
    }
    double javaThreads = 0;
    for (Map.Entry<Long, Long> e : nanos.entrySet()) {
      double seconds = (e.getValue() - before.nanos.getOrDefault(e.getKey(), 0L)) / 1e9;
      groups.merge(group(names.get(e.getKey())), seconds, Double::sum);
      javaThreads += seconds;
    }
    groups.put(JVM, processCpuSeconds - javaThreads);
    return groups;
  }

  /** The groups, each {@code value × scale} with {@code format} (e.g. seconds, or µs per delivery). */
  static String format(Map<String, Double> groups, double scale, String format) {
    StringJoiner out = new StringJoiner(", ");
    groups.forEach((group, value) -> out.add(group + " " + String.format(Locale.ROOT, format, value * scale)));
    return out.toString();
  }

  private static String group(String name) {
    // Kafka Streams names its threads, and its clients' network threads, after the application id.
    if (name.contains(RouterBenchmark.APPLICATION_ID) && name.contains("-StreamThread-")) {
      return name.endsWith("-producer") ? "their producers" : "stream threads";
    }
    if (name.contains(RouterBenchmark.APPLICATION_ID)) {
      return "other router threads";
    }
    if (name.equals("main") || name.contains("| adminclient-") || name.contains("| bench-")) {
      return BENCHMARK;
    }
    return "broker";
  }

}
