package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two instances of one group share the partitions; stopping one hands its partitions to the other, losing nothing. */
@ExtendWith(KafkaBrokerExtension.class)
class RebalanceIT {
  private static final int WEBHOOKS = 12;
  private static final int DELIVERIES = 1_200;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void shouldMovePartitionsToTheSurvivorWithNothingLost(@BootstrapServers String bootstrap) throws Exception {
    try (ScriptedReceiver receiver = ScriptedReceiver.start();
        DeliveryFixture fixture = new DeliveryFixture(bootstrap, TestTopics.unique("rebalance"), RetrySchedule.parse("200ms,400ms"), 4)) {
      SimpleMeterRegistry metricsA = new SimpleMeterRegistry();
      SimpleMeterRegistry metricsB = new SimpleMeterRegistry();
      DelivererConfig config = fixture.config().withLimits(fixture.config().limits().withMaxInFlightPerWebhook(2));
      DelivererService a = new DelivererService(config, metricsA, Clock.systemUTC()).start();
      DelivererService b = new DelivererService(config, metricsB, Clock.systemUTC()).start();
      try {
        long joined = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((a.assignedPartitions() == 0 || b.assignedPartitions() == 0) && System.nanoTime() < joined) {
          Thread.sleep(50);
        }
        assertThat(a.assignedPartitions() + b.assignedPartitions()).as("both joined, sharing every partition").isEqualTo(4 * 3);
        List<Delivery> deliveries = new ArrayList<>();
        for (int w = 0; w < WEBHOOKS; w++) {
          String path = "/rebalance-" + w;
          receiver.always(path, Reply.ok().after(Duration.ofMillis(30)));
          Subscription hook = fixture.subscribe(receiver.url(path));
          for (int i = 0; i < DELIVERIES / WEBHOOKS; i++) {
            deliveries.add(fixture.delivery(hook, WebhookEventType.VIEWER_JOINED));
          }
        }
        fixture.sendAll(deliveries);
        assertThat(receiver.awaitCount(DELIVERIES / 4, Duration.ofSeconds(60))).as("a quarter delivered").isTrue();
        assertThat(attempts(metricsA)).as("instance A delivered before stopping").isPositive();
        assertThat(attempts(metricsB)).as("instance B delivered before A stopped").isPositive();
        a.close();
        double aAtStop = attempts(metricsA);

        Set<String> expected = new HashSet<>(deliveries.stream().map(d -> d.id().value()).toList());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!okIds(receiver).containsAll(expected) && System.nanoTime() < deadline) {
          receiver.awaitCount(receiver.count() + 50, Duration.ofSeconds(1));
        }
        assertThat(okIds(receiver)).containsAll(expected);
        assertThat(attempts(metricsA)).as("A sends nothing after close").isEqualTo(aAtStop);
        assertThat(b.isHealthy()).isTrue();
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private static double attempts(SimpleMeterRegistry registry) {
    return registry.find(DelivererMetrics.ATTEMPTS.name()).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static Set<String> okIds(ScriptedReceiver receiver) {
    Set<String> ids = new HashSet<>();
    for (RecordedRequest r : receiver.requests()) {
      if (r.path().startsWith("/rebalance-") && r.answeredOk()) {
        ids.add(r.webhookId());
      }
    }
    return ids;
  }
}
