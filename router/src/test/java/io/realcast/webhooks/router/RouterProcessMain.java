package io.realcast.webhooks.router;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A router in its own JVM, so a test can kill it with SIGKILL mid-transaction.
 * Arguments: bootstrap, topic prefix, application id, state dir. Prints RUNNING once it runs.
 */
public final class RouterProcessMain {
  private RouterProcessMain() {}

  public static void main(String[] args) throws Exception {
    RouterService router = new RouterService(RouterExactlyOnceIT.config(args[0], args[1], args[2], Path.of(args[3])),
        new SimpleMeterRegistry(), Clock.systemUTC());
    router.start();
    while (router.state() != KafkaStreams.State.RUNNING) {
      Thread.sleep(50); // a separate process: there is no condition object to wait on
    }
    System.out.println("RUNNING");
    System.out.flush();
    Thread.currentThread().join(); // until killed
  }

  static KafkaSettings kafka(String bootstrap, String prefix) {
    return new KafkaSettings(bootstrap, new Topics(prefix, RetrySchedule.DEFAULT), 4, (short) 1, Duration.ofDays(1),
        Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"));
  }
}
