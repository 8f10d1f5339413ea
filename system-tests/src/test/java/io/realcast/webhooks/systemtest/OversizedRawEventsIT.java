package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.router.invalid.InvalidHeaders;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Metrics;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.InvalidTopic;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.topic.RetrySchedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Raw records at and around the broker's size limit, uncompressed and lz4-compressed, keyed like the valid
 * streams they sit between. Each used to stop the router (its copy for realcast.events.invalid was too large to
 * write, the transaction aborted, the partition was processed again forever); now each is copied cut to the
 * router's limit and the valid events behind it are delivered.
 */
@ExtendWith(ForkedBrokerExtension.class)
class OversizedRawEventsIT {
  /** Near the broker's default max.message.bytes (1,048,588 for a whole batch): some fit, the last do not. */
  private static final int SWEEP_FROM = 1_048_400;
  private static final int SWEEP_STEP = 8;
  private static final int SWEEP_TO = 1_048_600;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldCopyEveryOversizedRecordCutAndKeepDeliveringTheValidEventsAroundThem(ForkedKafkaBroker broker) throws Exception {
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.OVERSIZED_EVENTS, "ov", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(1);
      ServiceProcess router = run.startPipeline().router();
      double errorsBefore = Metrics.scrape(run.sut().http(), router).sum("realcast_router_stream_errors_total").orElse(0);

      List<RawEvent> valid = run.load(apps, 2, 6);
      CompletableFuture<Void> publication = run.publish(valid, Duration.ofSeconds(10));
      String key = valid.get(0).streamId(); // the partition of a stream whose events are still coming
      Map<Integer, Integer> sent = new HashMap<>(); // offset-independent: record index → original size
      int refusedFrom = -1;
      try (KafkaProducer<String, byte[]> plain = bigProducer(run, "none");
          KafkaProducer<String, byte[]> lz4 = bigProducer(run, "lz4")) {
        sent.put(sent.size(), send(plain, run, key, incompressible(1_048_500)));
        for (int size = SWEEP_FROM; size <= SWEEP_TO; size += SWEEP_STEP) {
          try {
            sent.put(sent.size(), send(plain, run, key, incompressible(size)));
          } catch (RecordTooLargeException e) {
            refusedFrom = refusedFrom < 0 ? size : refusedFrom; // the broker's limit: not in Kafka, nothing to copy
          }
        }
        sent.put(sent.size(), send(lz4, run, key, compressible(1_500_000)));
      }
      Publisher.await(publication, Duration.ofSeconds(60));
      run.awaitAllDelivered(Duration.ofSeconds(90));

      List<ConsumerRecord<String, byte[]>> invalid = InvalidTopic.await(run.sut(), sent.size());
      List<Integer> originalSizes = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : invalid) {
        assertThat(InvalidTopic.header(r, InvalidHeaders.REASON)).isEqualTo("too_large");
        assertThat(r.value()).hasSize(RawEventParser.DEFAULT_MAX_BYTES);
        assertThat(r.key()).isEqualTo(key);
        assertThat(InvalidTopic.header(r, InvalidHeaders.ORIGINAL_OFFSET)).isNotBlank();
        originalSizes.add(Integer.parseInt(InvalidTopic.header(r, InvalidHeaders.ORIGINAL_SIZE)));
      }
      Metrics after = Metrics.scrape(run.sut().http(), router);
      run.figures().put("oversized records accepted by the broker", sent.size())
          .put("sizes tried (bytes)", "1,048,500; " + SWEEP_FROM + ".." + SWEEP_TO + " step " + SWEEP_STEP + "; 1,500,000 lz4")
          .put("first size the broker refused", refusedFrom < 0 ? "none" : refusedFrom)
          .put("copies in realcast.events.invalid", invalid.size())
          .put("bytes kept per copy", RawEventParser.DEFAULT_MAX_BYTES)
          .put("router stream errors", after.sum("realcast_router_stream_errors_total").orElse(0) - errorsBefore);
      run.verify();
      assertThat(originalSizes).containsExactlyInAnyOrderElementsOf(sent.values());
      assertThat(refusedFrom).as("the sweep reaches the broker's limit").isPositive();
      run.assertNeverRestarted(router);
      assertThat(after.sum("realcast_router_stream_errors_total").orElse(0)).isEqualTo(errorsBefore);
    }
  }

  /** A producer that lets the broker judge the size: its own request limit is well above the broker's. */
  private static KafkaProducer<String, byte[]> bigProducer(ScenarioRun run, String compression) {
    Map<String, Object> props = new HashMap<>(run.sut().kafka().producerProperties("oversized-" + compression));
    props.put("max.request.size", 4 * 1024 * 1024);
    props.put("buffer.memory", 16 * 1024 * 1024);
    props.put("compression.type", compression);
    props.put("linger.ms", 0);
    return new KafkaProducer<>(props);
  }

  /** Sends one record and waits for the broker's answer; returns its size. */
  private static int send(KafkaProducer<String, byte[]> producer, ScenarioRun run, String key, byte[] value) throws Exception {
    try {
      producer.send(new ProducerRecord<>(run.sut().topics().events(), key, value)).get(30, TimeUnit.SECONDS);
      return value.length;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RecordTooLargeException tooLarge) {
        throw tooLarge;
      }
      throw e;
    }
  }

  /** A JSON-looking value lz4 cannot shrink much (digits of a linear congruential sequence). */
  private static byte[] incompressible(int size) {
    byte[] bytes = new byte[size];
    long x = size;
    for (int i = 0; i < size; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      bytes[i] = (byte) ('0' + (int) ((x >>> 33) % 10));
    }
    bytes[0] = '{';
    return bytes;
  }

  /** A raw event with a 1.5 MB chat message of repeated text: a few KB once compressed. */
  private static byte[] compressible(int size) {
    String prefix = "{\"id\":\"evt_huge\",\"type\":\"chat.message.new\",\"app_id\":\"app_ov0\",\"occurred_at\":\"2024-12-09T10:00:00Z\","
        + "\"data\":{\"stream_id\":\"s\",\"message_id\":\"m\",\"user_id\":\"u\",\"user_name\":\"n\",\"created_at\":\"2024-12-09T10:00:00Z\",\"message\":\"";
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'a');
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[size - 3] = '"';
    bytes[size - 2] = '}';
    bytes[size - 1] = '}';
    return bytes;
  }
}
