package io.realcast.webhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.testkit.ChildProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code realcast demo} as a newcomer stops it: SIGTERM (what Ctrl-C and {@code kill} send) to its own JVM, in
 * its first seconds and once deliveries flow. It must be gone within 5 seconds, and its log must hold our
 * events, not the Kafka clients' chatter.
 */
@Timeout(300)
class DemoStopIT {
  private static final Duration STOP_WITHIN = Duration.ofSeconds(5);
  private static final List<String> FREE_PORTS = List.of("--kafka-port", "0", "--api-port", "0", "--receiver-port", "0",
      "--router-metrics-port", "0", "--deliverer-metrics-port", "0");

  @TempDir
  Path dir;

  @Test
  void shouldStopWithinFiveSecondsOfSigtermWhileStarting() throws Exception {
    ChildProcess demo = launch();
    try {
      demo.awaitOutput("realcast demo: starting", Duration.ofSeconds(60));
      awaitFile(dir.resolve("data/kafka"), demo);

      Duration took = stop(demo);

      assertThat(took).as("time from SIGTERM to exit while starting; output:%n%s", demo.tail()).isLessThan(STOP_WITHIN);
    } finally {
      demo.kill();
    }
  }

  @Test
  void shouldStopWithinFiveSecondsOfSigtermAsSoonAsItRuns() throws Exception {
    ChildProcess demo = launch();
    try {
      // The first seconds of a running demo: consumer groups and Streams may still be joining and rebalancing.
      demo.awaitOutput("RealCast demo is running.", Duration.ofSeconds(120));

      Duration took = stop(demo);

      assertThat(took).as("time from SIGTERM to exit just after start; output:%n%s", demo.tail()).isLessThan(STOP_WITHIN);
      assertThat(demo.output()).contains("realcast demo: stopping (data kept)");
      assertThat(stoppedLine()).as("what each part took to stop").contains("broker");
    } finally {
      demo.kill();
    }
  }

  @Test
  void shouldStopWithinFiveSecondsOfSigtermOnceDeliveriesFlowAndLogOnlyOurEventsAtInfo() throws Exception {
    ChildProcess demo = launch();
    try {
      demo.awaitOutput("RealCast demo is running.", Duration.ofSeconds(120));
      awaitDelivery(demo);

      Duration took = stop(demo);

      assertThat(took).as("time from SIGTERM to exit once running; output:%n%s", demo.tail()).isLessThan(STOP_WITHIN);
      assertThat(demo.output()).contains("realcast demo: stopping (data kept)");
      String log = Files.readString(dir.resolve("data/demo.log"), StandardCharsets.UTF_8);
      assertThat(stoppedLine()).as("what each part took to stop").contains("deliverer");
      assertThat(log).contains("Demo running")
          .doesNotContain("Seeking to").doesNotContain(" INFO org.apache.kafka").doesNotContain(" INFO kafka.");
      assertThat(demo.output()).containsPattern("first attempt p99 \\(1 min\\) \\d");
    } finally {
      demo.kill();
    }
  }

  /** The demo's own account of its stop: each part and the time it took (printed for the record). */
  private String stoppedLine() throws Exception {
    String line = Files.readAllLines(dir.resolve("data/demo.log"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("Demo stopped in")).findFirst().orElse("");
    System.out.println(line);
    return line;
  }

  private ChildProcess launch() {
    String[] args = new String[FREE_PORTS.size() + 1];
    args[0] = "demo";
    for (int i = 0; i < FREE_PORTS.size(); i++) {
      args[i + 1] = FREE_PORTS.get(i);
    }
    return ChildProcess.builder("demo", ChildProcess.java(List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"),
            RealcastToolsCli.class.getName(), args))
        .environment(Map.of("REALCAST_DATA_DIR", dir.resolve("data").toString()))
        .dropInheritedEnvironment("REALCAST_").log(dir.resolve("demo.out")).start();
  }

  /** SIGTERM, then the time until the JVM has exited (at most a minute, then SIGKILL). */
  private static Duration stop(ChildProcess demo) {
    long start = System.nanoTime();
    demo.terminate();
    boolean exited = demo.waitForExit(Duration.ofSeconds(60));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("demo exited %s after SIGTERM: %d ms%n", exited ? "" : "NOT", took.toMillis());
    return took;
  }

  private static void awaitFile(Path file, ChildProcess demo) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(file)) {
      assertThat(System.nanoTime()).as("%s created; output:%n%s", file, demo.tail()).isLessThan(deadline);
      Thread.sleep(20); // polling the file system, with a deadline
    }
  }

  /** Until the progress line counts a delivery (it is printed every few refreshes when not on a terminal). */
  private static void awaitDelivery(ChildProcess demo) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!demo.output().matches("(?s).*deliveries [1-9].*")) {
      assertThat(System.nanoTime()).as("a delivery within 120 s; output:%n%s", demo.tail()).isLessThan(deadline);
      Thread.sleep(200); // polling the output file, with a deadline
    }
  }
}
