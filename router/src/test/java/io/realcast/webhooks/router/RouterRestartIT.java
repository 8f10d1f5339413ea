package io.realcast.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A router stopped cleanly and started again on the same state directory goes on from its local state: it
 * restores nothing from the changelogs (with large state a restore takes long), and the state is the same
 * (a viewer who joined before the restart is still counted, a duplicate is still recognised).
 */
@ExtendWith(KafkaBrokerExtension.class)
class RouterRestartIT {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldRestoreNothingAfterACleanRestartAndKeepItsState(@BootstrapServers String bootstrap) throws Exception {
    String prefix = TestTopics.unique("router-restart") + ".";
    Topics topics = new Topics(prefix, RetrySchedule.DEFAULT);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topics.events(), 1, (short) 1), new NewTopic(topics.eventsInvalid(), 1, (short) 1),
          new NewTopic(topics.webhooks(), 1, (short) 1), new NewTopic(topics.deliveries(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    var kafka = RouterProcessMain.kafka(bootstrap, prefix);
    RouterConfig config = RouterExactlyOnceIT.config(bootstrap, prefix, prefix + "router", tmp.resolve("state"));
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties("restart-producer"));
        KafkaConsumer<String, byte[]> deliveries = new KafkaConsumer<>(kafka.consumerProperties("restart-reader", null))) {
      deliveries.assign(List.of(new TopicPartition(topics.deliveries(), 0)));
      producer.send(new ProducerRecord<>(topics.webhooks(), "wh_1", SubscriptionCodec.encode(RouterHarness.allEvents("wh_1", "app_a")))).get();
      try (RouterService router = new RouterService(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
        router.start();
        send(producer, topics, RawEvents.live("evt_live", "app_a", "s1", "2024-12-09T10:00:00Z"));
        send(producer, topics, RawEvents.joined("evt_j1", "app_a", "s1", "viewer_1", "2024-12-09T10:00:01Z"));
        await(deliveries, Set.of("evt_live", "evt_j1"));
      }

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (RouterService router = new RouterService(config, registry, Clock.systemUTC())) {
        router.start();
        send(producer, topics, RawEvents.joined("evt_j1", "app_a", "s1", "viewer_1", "2024-12-09T10:00:01Z")); // duplicate
        send(producer, topics, RawEvents.joined("evt_j2", "app_a", "s1", "viewer_2", "2024-12-09T10:00:02Z"));
        List<ConsumerRecord<String, byte[]>> after = await(deliveries, Set.of("evt_j2"));

        assertThat(after).extracting(r -> DeliveryCodec.decodeDelivery(r.value()).eventId().value()).containsExactly("evt_j2");
        assertThat(new String(DeliveryCodec.decodeDelivery(after.get(0).value()).body(), StandardCharsets.UTF_8))
            .contains("\"viewer_count\":2");
        double restored = registry.find("realcast.router.state.restored").counters().stream()
            .filter(c -> !RouterTopology.SUBSCRIPTIONS_STORE.equals(c.getId().getTag("store")))
            .mapToDouble(c -> c.count()).sum();
        assertThat(restored).as("records restored from task changelogs after a clean restart").isZero();
      }
    }
  }

  private static void send(KafkaProducer<String, byte[]> producer, Topics topics, String json) throws Exception {
    producer.send(new ProducerRecord<>(topics.events(), "s1", json.getBytes(StandardCharsets.UTF_8))).get();
  }

  /** Reads deliveries until every event of {@code ids} has one; returns what was read. */
  private static List<ConsumerRecord<String, byte[]>> await(KafkaConsumer<String, byte[]> consumer, Set<String> ids) {
    List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!seen.containsAll(ids)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no delivery for " + ids + " (saw " + seen + ")");
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        read.add(r);
        seen.add(DeliveryCodec.decodeDelivery(r.value()).eventId().value());
      }
    }
    return read;
  }
}
