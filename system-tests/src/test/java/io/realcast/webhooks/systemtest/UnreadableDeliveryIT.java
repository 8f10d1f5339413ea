package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.internal.Recorder;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.systemtest.harness.Deadline;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Metrics;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.Records;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ScenarioRun.Pipeline;
import io.realcast.webhooks.testkit.Endpoint;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.topic.RetrySchedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records no deliverer can read, written straight to realcast.deliveries (as a newer router's records would arrive
 * during a rolling upgrade, or a faulty tool's) while the router writes valid deliveries to the same partitions. Each
 * must reach realcast.deliveries.dead byte for byte, saying why and where from, and nothing valid around it is lost.
 */
@ExtendWith(ForkedBrokerExtension.class)
class UnreadableDeliveryIT {
  /** What a deliverer may meet that it cannot decode, by kind. */
  private static final Map<String, byte[]> GARBAGE = garbage();

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldDeadLetterEveryUnreadableDeliveryWithItsBytesAndDeliverTheValidOnesAroundIt(ForkedKafkaBroker broker)
      throws Exception {
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.UNREADABLE_DELIVERY, "ud", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(2);
      Pipeline pipeline = run.startPipeline();
      CompletableFuture<Void> publication = run.publish(run.load(apps, 2, 6), Duration.ofSeconds(8));
      Deadline.await("the first deliveries", Duration.ofSeconds(60), () -> run.ledger().deliveredHealthy() > 20);
      long deliveredBefore = run.ledger().deliveredHealthy();

      // Keyed by the scenario's webhooks, as the router keys deliveries: each lands amid valid ones of its partition.
      Map<String, byte[]> sources = new LinkedHashMap<>();
      List<Endpoint> endpoints = new ArrayList<>(run.ledger().endpoints());
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(run.sut().kafka().producerProperties("unreadable"))) {
        int i = 0;
        for (byte[] value : GARBAGE.values()) {
          String key = endpoints.get(i++ % endpoints.size()).webhook().value();
          RecordMetadata at = producer.send(new ProducerRecord<>(run.sut().topics().deliveries(), key, value)).get(30, TimeUnit.SECONDS);
          sources.put(at.topic() + "-" + at.partition() + "@" + at.offset(), value);
        }
      }
      Publisher.await(publication, Duration.ofSeconds(60));
      run.awaitAllDelivered(Duration.ofSeconds(90));

      AtomicReference<List<ConsumerRecord<String, byte[]>>> dead = new AtomicReference<>(List.of());
      Deadline.await(GARBAGE.size() + " unreadable records in realcast.deliveries.dead", Duration.ofSeconds(60), () -> {
        dead.set(Records.unreadableDeadLetters(run.sut()));
        return dead.get().size() >= GARBAGE.size();
      }, () -> "(saw " + dead.get().size() + ")");
      Metrics metrics = Metrics.scrape(run.sut().http(), pipeline.deliverer());
      long sameBytes = dead.get().stream()
          .filter(r -> Arrays.equals(sources.get(Records.header(r, Recorder.UNREADABLE_SOURCE_HEADER)), r.value())).count();

      run.figures().put("unreadable records written", GARBAGE.size())
          .put("kinds", String.join(", ", GARBAGE.keySet()))
          .put("valid deliveries arrived before them", deliveredBefore)
          .put("valid deliveries arrived after them", run.ledger().deliveredHealthy() - deliveredBefore)
          .put("dead-lettered as unreadable", dead.get().size())
          .put("dead-lettered with their bytes and source offset", sameBytes)
          .put("realcast_deliverer_records_unreadable_total", metrics.sum("realcast_deliverer_records_unreadable_total").orElse(-1));
      run.verify();

      assertThat(dead.get()).hasSize(GARBAGE.size()).allSatisfy(r -> {
        assertThat(Records.header(r, Recorder.UNREADABLE_REASON_HEADER)).isEqualTo(DeadReason.UNREADABLE.code());
        assertThat(Records.header(r, Recorder.UNREADABLE_DETAIL_HEADER)).isNotBlank();
      });
      assertThat(run.ledger().deliveredHealthy()).as("valid deliveries after the unreadable ones").isGreaterThan(deliveredBefore);
      assertThat(sameBytes).as("each one's bytes under the source offset it was written at").isEqualTo(GARBAGE.size());
      assertThat(metrics.sum("realcast_deliverer_records_unreadable_total").orElse(0)).isEqualTo(GARBAGE.size());
      run.assertNeverRestarted(pipeline.router(), pipeline.deliverer());
    }
  }

  private static Map<String, byte[]> garbage() {
    Map<String, byte[]> kinds = new LinkedHashMap<>();
    kinds.put("a newer writer's format", "{\"id\":\"dlv_from_the_future\",\"format\":2,\"parts\":[".getBytes(StandardCharsets.UTF_8));
    kinds.put("JSON that is no delivery", "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
    kinds.put("plain text", "not json at all — ünïcödé".getBytes(StandardCharsets.UTF_8));
    byte[] binary = new byte[512];
    new Random(14).nextBytes(binary);
    kinds.put("random bytes", binary);
    return kinds;
  }
}
