package io.realcast.webhooks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProcessThreadsTest {
  private static volatile long sink;

  @Test
  void shouldTellTheJvmsOwnThreadsFromJavaThreads() {
    assertEquals(ProcessThreads.JIT, ProcessThreads.jvmPart("C2 CompilerThre"));
    assertEquals(ProcessThreads.JIT, ProcessThreads.jvmPart("C1 CompilerThre"));
    assertEquals(ProcessThreads.GC, ProcessThreads.jvmPart("GC Thread#1"));
    assertEquals(ProcessThreads.GC, ProcessThreads.jvmPart("G1 Conc#0"));
    assertEquals(ProcessThreads.GC, ProcessThreads.jvmPart("G1 Main Marker"));
    assertEquals(ProcessThreads.GC, ProcessThreads.jvmPart("VM Thread"));
    assertNull(ProcessThreads.jvmPart("data-plane-kafk"));
    assertNull(ProcessThreads.jvmPart("main"));
  }

  @Test
  void shouldCountTheCpuOfABusyThreadUnderItsName() throws InterruptedException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    long pid = ProcessHandle.current().pid();
    AtomicBoolean stop = new AtomicBoolean();
    Thread spinner = new Thread(() -> {
      while (!stop.get()) {
        sink = System.nanoTime(); // work the JIT cannot drop
      }
    }, "procthreads-spin");
    spinner.start();
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      long seen = 0;
      while (seen == 0 && System.nanoTime() < deadline) {
        seen = ProcessThreads.cpuNanosByName(pid).getOrDefault("procthreads-spi", 0L); // /proc keeps 15 characters
        Thread.sleep(10);
      }
      assertTrue(seen > 0, "the spinning thread's CPU time shows under its name");
      assertTrue(ProcessThreads.cpuNanos(pid) >= seen, "the process's CPU time includes its threads'");
    } finally {
      stop.set(true);
      spinner.join();
    }
  }
}
