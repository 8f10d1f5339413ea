package io.realcast.webhooks.deliverer.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A deliverer in a JVM of its own, so a test can kill it with SIGKILL (kill -9) mid-load.
 * Arguments: bootstrap, topic prefix, retry schedule, group id, max in flight per webhook.
 */
public final class DelivererMain {
  public static final String READY = "DELIVERER READY";

  private DelivererMain() {}

  public static void main(String[] args) throws Exception {
    Topics topics = new Topics(args[1], RetrySchedule.parse(args[2]));
    // A short session so the group notices the killed instance in seconds rather than the default 45 s.
    KafkaSettings kafka = new KafkaSettings(args[0], topics, 3, (short) 1, Duration.ofDays(1),
        java.util.Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"));
    int maxInFlight = Integer.parseInt(args[4]);
    DelivererConfig config = DelivererConfig.defaults(kafka).withGroupId(args[3]).withAllowPrivateTargets(true)
        .withLimits(DelivererConfig.defaults(kafka).limits().withMaxInFlightPerWebhook(maxInFlight));
    DelivererService service = new DelivererService(config, new SimpleMeterRegistry(), Clock.systemUTC()).start();
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close));
    System.out.println(READY);
    System.out.flush();
    forever.await();
  }

  /** Starts this class in a child JVM with the test class path; its output goes to {@code log}. */
  public static Process fork(java.nio.file.Path log, String... args) throws java.io.IOException {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), DelivererMain.class.getName()));
    command.addAll(java.util.List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }
}
