package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.internal.Recorder;
import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A record on {@code realcast.deliveries} that no version can read (a newer router's, or garbage) is dead-lettered with
 * its bytes and where it came from, and the partition keeps delivering.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnreadableRecordIT {

  @Test
  void shouldDeadLetterAnUnreadableDeliveryWithItsBytesAndDeliverWhatFollows(@BootstrapServers String bootstrap) throws Exception {
    try (ScriptedReceiver receiver = ScriptedReceiver.start();
        DeliveryFixture fixture = new DeliveryFixture(bootstrap, TestTopics.unique("unreadable"), RetrySchedule.parse("200ms"), 1)) {
      fixture.startDeliverer(c -> c);
      receiver.always("/after", Reply.ok());
      Subscription hook = fixture.subscribe(receiver.url("/after"));
      byte[] garbage = "{\"id\":\"dlv_1\",\"future_format\":[".getBytes(StandardCharsets.UTF_8);
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(fixture.kafka.producerProperties("unreadable-test"))) {
        producer.send(new ProducerRecord<>(fixture.topics.deliveries(), hook.id().value(), garbage)).get(30, TimeUnit.SECONDS);
      }
      Delivery after = fixture.deliver(hook, WebhookEventType.STREAM_LIVE);

      receiver.awaitMatching(r -> after.id().value().equals(r.webhookId()), 1, Duration.ofSeconds(30));
      ConsumerRecord<String, byte[]> dead = readOne(fixture, Duration.ofSeconds(30));
      assertThat(dead.value()).isEqualTo(garbage);
      assertThat(dead.key()).isEqualTo(hook.id().value());
      assertThat(header(dead, Recorder.UNREADABLE_REASON_HEADER)).isEqualTo("unreadable");
      assertThat(header(dead, Recorder.UNREADABLE_DETAIL_HEADER)).contains("unreadable JSON record");
      assertThat(header(dead, Recorder.UNREADABLE_SOURCE_HEADER)).isEqualTo(fixture.topics.deliveries() + "-0@0");
    }
  }

  private static ConsumerRecord<String, byte[]> readOne(DeliveryFixture fixture, Duration timeout) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(fixture.kafka.consumerProperties("unreadable-reader", null))) {
      TopicPartition tp = new TopicPartition(fixture.topics.dead(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
      assertThat(seen).as("a dead letter").isNotEmpty();
      return seen.get(0);
    }
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
