package io.realcast.webhooks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a process and of its threads, from Linux's /proc. Unlike {@code ThreadMXBean} it sees the JVM's own
 * threads (the JIT compilers, the collector), which is where a JVM's CPU goes when its Java threads look idle.
 * Everything reads as 0 where /proc is missing: the figures are then absent, never wrong.
 */
final class ProcessThreads {
  private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // USER_HZ on Linux

  /** The JIT compiler threads: a cost of warming up that a long-running JVM no longer pays. */
  static final String JIT = "JIT";
  /** The collector's threads and the VM thread, which runs its safepoints. */
  static final String GC = "GC";

  private ProcessThreads() {}

  /** User + system CPU time of the whole process so far. */
  static long cpuNanos(long pid) {
    String stat = readStat(Path.of("/proc", Long.toString(pid), "stat"));
    return stat == null ? 0 : Math.max(0, ticksToNanos(stat));
  }

  /**
   * CPU time so far of the process's live threads, summed by thread name. A thread that ends while this reads is left
   * out, not the whole answer: the bench JVM's clients start and end threads all the time.
   */
  static Map<String, Long> cpuNanosByName(long pid) {
    Map<String, Long> byName = new HashMap<>();
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) threads::iterator) {
        String stat = readStat(task.resolve("stat"));
        long nanos = stat == null ? -1 : ticksToNanos(stat);
        if (nanos > 0) {
          byName.merge(threadName(stat), nanos, Long::sum);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return byName;
  }

  /** CPU time so far of the JVM's own threads of {@code pid}, as {@link #JIT} and {@link #GC}. */
  static Map<String, Long> jvmCpuNanos(long pid) {
    Map<String, Long> parts = new HashMap<>();
    cpuNanosByName(pid).forEach((name, nanos) -> {
      String part = jvmPart(name);
      if (part != null) {
        parts.merge(part, nanos, Long::sum);
      }
    });
    return parts;
  }

  /** {@link #JIT}, {@link #GC} or null (a Java thread, or another of the JVM's) for a thread's name in /proc. */
  static String jvmPart(String name) {
    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
      return JIT;
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
      return GC;
    }
    return null;
  }

  /** The text of a /proc stat file, or null when its thread or process has ended. */
  private static String readStat(Path stat) {
    try {
      return Files.readString(stat);
    } catch (IOException e) {
      return null;
    }
  }

  /** The thread's name, between the parentheses of its stat file's text (a name may itself hold some). */
  private static String threadName(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /** User + system time from a stat file's text (fields 14 and 15), or -1 when it cannot be read. */
  private static long ticksToNanos(String stat) {
    try {
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
