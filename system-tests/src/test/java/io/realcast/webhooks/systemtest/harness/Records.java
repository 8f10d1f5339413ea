package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.testkit.TopicReader;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The scenario's topics, decoded. */
public final class Records {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Records() {}

  public static List<DeadLetter> deadLetters(SystemUnderTest sut) {
    return read(sut, sut.topics().dead()).stream()
        .map(r -> DeliveryCodec.decodeDeadLetter(r.value())).toList();
  }

  public static List<AttemptLog> attempts(SystemUnderTest sut) {
    return read(sut, sut.topics().attempts()).stream()
        .map(r -> DeliveryCodec.decodeAttemptLog(r.value())).toList();
  }

  /** Every record of {@code topic} up to its end now, read_committed. */
  public static List<ConsumerRecord<String, byte[]>> read(SystemUnderTest sut, String topic) {
    return TopicReader.readAll(sut.bootstrap(), topic, TIMEOUT);
  }

  /** realcast.deliveries as the deliverer sees it: committed transactions only. */
  public static List<Delivery> deliveries(SystemUnderTest sut) {
    return read(sut, sut.topics().deliveries()).stream()
        .map(r -> DeliveryCodec.decodeDelivery(r.value())).toList();
  }
}
