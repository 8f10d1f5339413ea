package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.InvalidTopic;
import io.realcast.webhooks.systemtest.harness.Metrics;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.testing.BadRawEvents.BadRawEvent;
import io.realcast.webhooks.testing.BadRawEvents;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 6: the whole BadRawEvents corpus (malformed JSON, wrong types, missing fields, unknown types, oversized
 * values, invalid UTF-8, deep nesting, huge numbers, NUL bytes, duplicated keys, …) published between valid events.
 */
@ExtendWith(ForkedBrokerExtension.class)
class BadRawEventsIT {
  private static final String REASON_HEADER = "realcast.invalid.reason";

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldSendEveryBadEventToInvalidWithItsReasonAndStillDeliverTheValidOnesAroundThem(ForkedKafkaBroker broker) {
    List<BadRawEvent> corpus = BadRawEvents.all();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.BAD_EVENTS, "be", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(2);
      ServiceProcess router = run.startPipeline().router();
      double errorsBefore = Metrics.scrape(run.sut().http(), router).sum("realcast_router_stream_errors_total").orElse(0);

      List<RawEvent> valid = run.load(apps, 2, 10);
      CompletableFuture<Void> publication = run.publish(valid, Duration.ofSeconds(6));
      // Interleaved with the valid load: same topic, partitions shared with valid streams.
      Map<String, BadRawEvent> byKey = new HashMap<>();
      for (int i = 0; i < corpus.size(); i++) {
        String key = "bad_" + i;
        byKey.put(key, corpus.get(i));
        run.publisher().sendRaw(key, corpus.get(i).bytes());
      }
      run.publisher().flush();
      Publisher.await(publication, Duration.ofSeconds(60));
      run.awaitAllDelivered(Duration.ofSeconds(90));

      List<ConsumerRecord<String, byte[]>> invalid = InvalidTopic.await(run.sut(), corpus.size());
      Map<String, String> wrongReasons = new HashMap<>();
      for (ConsumerRecord<String, byte[]> r : invalid) {
        BadRawEvent bad = byKey.get(r.key());
        assertThat(bad).as("invalid record with key " + r.key()).isNotNull();
        // The copy is the original, cut to the router's limit (64 KiB) when larger; the header keeps the real size.
        byte[] kept = bad.bytes().length <= RawEventParser.DEFAULT_MAX_BYTES ? bad.bytes()
            : Arrays.copyOf(bad.bytes(), RawEventParser.DEFAULT_MAX_BYTES);
        assertThat(r.value()).as(bad.name() + ": the original bytes (cut to the limit)").isEqualTo(kept);
        assertThat(InvalidTopic.header(r, "realcast.invalid.original.size")).as(bad.name()).isEqualTo(Integer.toString(bad.bytes().length));
        String reason = InvalidTopic.header(r, REASON_HEADER);
        if (!bad.reason().code().equals(reason)) {
          wrongReasons.put(bad.name(), reason + " (expected " + bad.reason().code() + ")");
        }
      }
      Metrics after = Metrics.scrape(run.sut().http(), router);
      run.figures().put("bad raw events", corpus.size()).put("in realcast.events.invalid", invalid.size())
          .put("wrong reasons", wrongReasons.size())
          .put("router invalid counter", after.sum("realcast_router_events_invalid_total").orElse(-1))
          .put("router stream errors", after.sum("realcast_router_stream_errors_total").orElse(0) - errorsBefore);
      run.verify();
      assertThat(invalid).extracting(ConsumerRecord::key).doesNotHaveDuplicates().hasSize(corpus.size());
      assertThat(wrongReasons).as("events with a wrong reason").isEmpty();
      run.assertNeverRestarted(router);
      assertThat(after.sum("realcast_router_stream_errors_total").orElse(0)).as("uncaught and handler errors")
          .isEqualTo(errorsBefore);
      assertThat(after.sum("realcast_router_events_invalid_total").orElse(0)).isEqualTo(corpus.size());
    }
  }
}
