package io.realcast.webhooks.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU of the bench's own JVM, which runs the broker, the router, the receivers and the load generator, split by part
 * from its threads' names: which of them grows when a phase costs more per delivery than another. The broker is what
 * is left once the others are named, so a few small client threads count with it. The JIT's and the collector's
 * threads are not Java threads; they are read from /proc as {@link ProcessThreads#JIT} and {@link ProcessThreads#GC},
 * shared by all the parts: a compiler still warming up takes cores the system under test needs.
 */
final class BenchThreads {
  static final String ROUTER = "router";
  static final String BROKER = "broker";
  static final String RECEIVERS = "receivers";
  static final String LOAD = "load generator";
  static final String OTHER = "other";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private BenchThreads() {}

  /** CPU nanoseconds so far of the live threads, by part. A thread that ended takes its time with it (few do here). */
  static Map<String, Long> cpuNanosByPart() {
    Map<String, Long> parts = new TreeMap<>(ProcessThreads.jvmCpuNanos(ProcessHandle.current().pid()));
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = THREADS.getThreadCpuTime(ids[i]);
      if (infos[i] != null && cpu > 0) {
        parts.merge(part(infos[i].getThreadName()), cpu, Long::sum);
      }
    }
    return parts;
  }

  static String part(String thread) {
    if (thread.contains("bench-router")) {
      return ROUTER; // the Streams threads and their clients' network threads carry the application id
    }
    if (thread.startsWith("vert.x-")) {
      return RECEIVERS;
    }
    if (thread.contains("bench-load") || thread.equals("main")) {
      return LOAD;
    }
    if (thread.startsWith("bench-") || thread.contains("heartbeat")) {
      return OTHER; // the bench's own watchers (dead letters, deliverer output) and its consumers' heartbeats
    }
    return BROKER; // request handlers, network, raft, coordinators, log and marker threads: whatever is left
  }
}
