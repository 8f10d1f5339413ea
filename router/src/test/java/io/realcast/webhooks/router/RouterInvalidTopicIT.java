package io.realcast.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.router.invalid.InvalidHeaders;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * realcast.events.invalid refusing what the router writes (here: created with a tiny max.message.bytes). Under
 * exactly-once such a failure aborts the whole transaction, so without care the partition is processed again
 * forever and the valid event behind the bad one never arrives. The router writes the copy smaller the next
 * time, then gives it up, and goes on.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RouterInvalidTopicIT {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldWriteAHeadersOnlyStubWhenTheFullCopyIsRefusedAndKeepRouting(@BootstrapServers String bootstrap) throws Exception {
    Run run = new Run(bootstrap, "inv-stub", 2_000);

    SimpleMeterRegistry registry = run.routeBadThenGood();

    List<ConsumerRecord<String, byte[]>> invalid = run.readInvalid(1);
    assertThat(invalid).singleElement().satisfies(r -> {
      assertThat(r.value()).isNull();
      assertThat(header(r, InvalidHeaders.FORM)).isEqualTo("stub");
      assertThat(header(r, InvalidHeaders.REASON)).isEqualTo("malformed_json");
      assertThat(header(r, InvalidHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(run.badSize));
      assertThat(header(r, InvalidHeaders.ORIGINAL_OFFSET)).isEqualTo("0");
    });
    assertThat(registry.find("realcast.router.stream.errors").tag("stage", "invalid_topic").counter().count()).isEqualTo(1);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldGiveUpTheCopyWhenEvenTheStubIsRefusedAndKeepRouting(@BootstrapServers String bootstrap) throws Exception {
    Run run = new Run(bootstrap, "inv-skip", 100);

    SimpleMeterRegistry registry = run.routeBadThenGood();

    assertThat(registry.find("realcast.router.invalid.dropped").counter().count()).isEqualTo(1);
    assertThat(registry.find("realcast.router.stream.errors").tag("stage", "invalid_topic").counter().count()).isEqualTo(2);
    assertThat(run.readInvalid(0)).isEmpty();
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** One router over fresh topics whose invalid topic accepts at most {@code invalidMaxMessageBytes}. */
  private final class Run {
    final String prefix;
    final Topics topics;
    final String bootstrap;
    int badSize;

    Run(String bootstrap, String name, int invalidMaxMessageBytes) throws Exception {
      this.bootstrap = bootstrap;
      this.prefix = TestTopics.unique(name) + ".";
      this.topics = new Topics(prefix, RetrySchedule.DEFAULT);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.createTopics(List.of(new NewTopic(topics.events(), 1, (short) 1),
            new NewTopic(topics.eventsInvalid(), 1, (short) 1)
                .configs(Map.of("max.message.bytes", Integer.toString(invalidMaxMessageBytes))),
            new NewTopic(topics.webhooks(), 1, (short) 1), new NewTopic(topics.deliveries(), 1, (short) 1)))
            .all().get(30, TimeUnit.SECONDS);
      }
    }

    /** A bad record that compresses badly (so lz4 cannot shrink it under the limit), then a valid event. */
    SimpleMeterRegistry routeBadThenGood() throws Exception {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      var kafka = RouterProcessMain.kafka(bootstrap, prefix);
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties("inv-producer"));
          RouterService router = new RouterService(RouterExactlyOnceIT.config(bootstrap, prefix, prefix + "router", tmp.resolve(prefix)),
              registry, Clock.systemUTC())) {
        producer.send(new ProducerRecord<>(topics.webhooks(), "wh_1",
            SubscriptionCodec.encode(RouterHarness.allEvents("wh_1", "app_a")))).get();
        router.start();
        String noise = HexFormat.of().formatHex(new SecureRandom().generateSeed(5_000));
        byte[] bad = ("[" + noise + "]" + noise).getBytes(StandardCharsets.UTF_8);
        badSize = bad.length;
        producer.send(new ProducerRecord<>(topics.events(), "stream_1", bad)).get();
        producer.send(new ProducerRecord<>(topics.events(), "stream_1",
            RawEvents.chat("evt_ok", "app_a", "stream_1", "2024-12-09T10:00:00Z").getBytes(StandardCharsets.UTF_8))).get();
        awaitDelivery(kafka);
      }
      return registry;
    }

    private void awaitDelivery(KafkaSettings kafka) {
      try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("inv-reader", null))) {
        consumer.assign(List.of(new TopicPartition(topics.deliveries(), 0)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (DeliveryCodec.decodeDelivery(r.value()).eventId().value().equals("evt_ok")) {
              return;
            }
          }
        }
        throw new AssertionError("the valid event behind the bad one was never delivered");
      }
    }

    List<ConsumerRecord<String, byte[]>> readInvalid(int atLeast) {
      var kafka = RouterProcessMain.kafka(bootstrap, prefix);
      List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
      try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("inv-reader", null))) {
        TopicPartition tp = new TopicPartition(topics.eventsInvalid(), 0);
        consumer.assign(List.of(tp));
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((consumer.position(tp) < end || out.size() < atLeast) && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
      }
      return out;
    }
  }
}
