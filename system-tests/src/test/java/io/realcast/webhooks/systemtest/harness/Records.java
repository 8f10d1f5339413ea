package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.deliverer.internal.Recorder;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The scenario's topics, decoded. */
public final class Records {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Records() {}

  /** The dead letters of deliveries; records nobody could read, dead-lettered as their raw bytes, are left out. */
  public static List<DeadLetter> deadLetters(SystemUnderTest sut) {
    return read(sut, sut.topics().dead()).stream().filter(r -> !isUnreadable(r))
        .map(r -> DeliveryCodec.decodeDeadLetter(r.value())).toList();
  }

  /** The records of realcast.deliveries.dead that hold the original bytes of a record the deliverer could not read. */
  public static List<ConsumerRecord<String, byte[]>> unreadableDeadLetters(SystemUnderTest sut) {
    return read(sut, sut.topics().dead()).stream().filter(Records::isUnreadable).toList();
  }

  private static boolean isUnreadable(ConsumerRecord<String, byte[]> r) {
    return r.headers().lastHeader(Recorder.UNREADABLE_REASON_HEADER) != null;
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

  /** A header as text, or null when absent. */
  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
