package io.realcast.webhooks.systemtest.harness;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The scenario's realcast.events.invalid, as the router writes it. */
public final class InvalidTopic {
  private InvalidTopic() {}

  /** Reads the topic until it holds at least {@code count} records (fails after a minute). */
  public static List<ConsumerRecord<String, byte[]>> await(SystemUnderTest sut, int count) {
    AtomicReference<List<ConsumerRecord<String, byte[]>>> seen = new AtomicReference<>(List.of());
    Deadline.await(count + " records in realcast.events.invalid", Duration.ofSeconds(60), () -> {
      seen.set(Records.read(sut, sut.topics().eventsInvalid()));
      return seen.get().size() >= count;
    }, () -> "(saw " + seen.get().size() + ")");
    return seen.get();
  }

  /** A header as text, or null when absent. */
  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    return Records.header(record, name);
  }
}
