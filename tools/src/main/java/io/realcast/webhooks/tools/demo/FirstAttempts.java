package io.realcast.webhooks.tools.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.kafka.TopicTail;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

  private final MeterRegistry registry = new SimpleMeterRegistry();
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

  /**
   * The timer the first-attempt latencies go to. Its p99 and max cover a window that slides every tenth of
   * {@link ProgressReading#LATENCY_WINDOW} (Micrometer's own): read since start, the start-up's first, slow
   * deliveries (cold JIT, consumers joining) would show for as long as the demo runs.
   */
  static Timer latencyTimer(MeterRegistry registry) {
    return Timer.builder(TIMER).publishPercentiles(0.99).percentilePrecision(2)
        .distributionStatisticExpiry(ProgressReading.LATENCY_WINDOW).distributionStatisticBufferLength(10)
        .register(registry);
  }

  /** The p99 of what {@code latency} recorded over the window; empty when it recorded nothing in it. */
  static Optional<Duration> recentP99(Timer latency) {
    // Over a window that holds nothing, the percentile is 0: no delivery answers in no time.
    for (ValueAtPercentile p : latency.takeSnapshot().percentileValues()) {
      long nanos = (long) p.value(TimeUnit.NANOSECONDS);
      if (p.percentile() == 0.99 && nanos > 0) {
        return Optional.of(Duration.ofNanos(nanos));
      }
    }
    return Optional.empty();
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
