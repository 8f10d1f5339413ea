package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a raw event on only if its id was not seen within the duplicate window: a producer that retries a
 * publish, or replays its outbox, must not cause a second webhook or a second count. Ids are kept in a RocksDB
 * store ({@link ExpiringKeys}, with a changelog, exactly-once like the rest) stamped with the stream thread's
 * wall-clock time, whatever the producers' timestamps say; a wake-up a second deletes a bounded batch of
 * expired ids, so the store holds at most one and a half windows of ids.
 */
public final class DeduplicateProcessor implements Processor<String, ParsedEvent, String, ParsedEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(DeduplicateProcessor.class);
  private static final byte[] SEEN = {};
  /** Expired ids deleted per second at most: well above any insert rate, so deletion keeps up. */
  static final int MAX_EXPIRED_PER_SECOND = 50_000;

  private final String storeName;
  private final long windowMillis;
  private final RouterMetrics metrics;
  private ProcessorContext<String, ParsedEvent> context;
  private ExpiringKeys seen;

  public DeduplicateProcessor(String storeName, Duration window, RouterMetrics metrics) {
    this.storeName = storeName;
    this.windowMillis = window.toMillis();
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, ParsedEvent> context) {
    this.context = context;
    this.seen = new ExpiringKeys(context.getStateStore(storeName), windowMillis);
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> seen.expire(now, MAX_EXPIRED_PER_SECOND));
  }

  @Override
  public void process(Record<String, ParsedEvent> record) {
    String id = record.value().event().id().value();
    long now = context.currentSystemTimeMs();
    if (seen.get(id, now) != null) {
      metrics.duplicate(record.value().event().type());
      LOG.debug("Duplicate raw event {} ({}) not processed again", id, record.value().source());
      return;
    }
    seen.put(id, SEEN, now);
    context.forward(record);
  }
}
