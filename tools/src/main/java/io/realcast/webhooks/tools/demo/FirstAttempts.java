package io.realcast.webhooks.tools.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.kafka.TopicTail;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The latency of deliveries answered 2xx on their first attempt, event time to answer, from
 * {@code realcast.attempts} since this start: the demo's headline number, kept apart from retried deliveries
 * (whose latency is mostly the 1 s / 5 s / 25 s wait that the flaky demo endpoint causes on purpose).
 */
final class FirstAttempts implements AutoCloseable {
  static final String TIMER = "demo.first.attempt.latency";

  // A Prometheus registry keeps the histogram buckets the percentile is read from.
  private final MeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer latency = latencyTimer(registry);
  private final TopicTail tail;

  private FirstAttempts(KafkaSettings kafka) {
    Consumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("realcast-demo-first-attempts", null));
    tail = new TopicTail("demo-first-attempts", List.of(kafka.topics().attempts()), consumer, Consumer::seekToEnd,
        this::handle, () -> { });
  }

  static FirstAttempts start(KafkaSettings kafka, Duration timeout) throws TimeoutException {
    FirstAttempts reader = new FirstAttempts(kafka);
    reader.tail.start(timeout);
    return reader;
  }

  /** The timer the first-attempt latencies go to, with the histogram the progress line's p99 is read from. */
  static Timer latencyTimer(MeterRegistry registry) {
    return Timer.builder(TIMER).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
  }

  /** Records one attempt if it was a first attempt that delivered. */
  static void record(AttemptLog log, Timer latency) {
    if (log.attempt().number() == 1 && log.attempt().delivered()) {
      Duration d = Duration.between(log.eventTime(), log.attempt().startedAt().plusMillis(log.attempt().latencyMillis()));
      latency.record(d.isNegative() ? Duration.ZERO : d);
    }
  }

  MeterRegistry registry() {
    return registry;
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    record(DeliveryCodec.decodeAttemptLog(record.value()), latency);
  }

  @Override
  public void close() {
    tail.close();
  }
}
