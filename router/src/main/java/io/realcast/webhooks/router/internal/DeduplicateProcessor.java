package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a raw event on only if its id was not seen within the duplicate window: a producer that retries a
 * publish, or replays its outbox, must not cause a second webhook or a second count. Ids are kept in a
 * RocksDB window store (with a changelog, exactly-once like the rest) stamped with the stream thread's
 * wall-clock time, so the store drops them by whole segments once they are older than the window: its size
 * is bounded by the events of one window, whatever the producers' timestamps say.
 */
public final class DeduplicateProcessor implements Processor<String, ParsedEvent, String, ParsedEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(DeduplicateProcessor.class);
  private static final byte[] SEEN = {1};

  private final String storeName;
  private final long windowMillis;
  private final RouterMetrics metrics;
  private ProcessorContext<String, ParsedEvent> context;
  private WindowStore<String, byte[]> seen;

  public DeduplicateProcessor(String storeName, Duration window, RouterMetrics metrics) {
    this.storeName = storeName;
    this.windowMillis = window.toMillis();
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, ParsedEvent> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, ParsedEvent> record) {
    String id = record.value().event().id().value();
    long now = context.currentSystemTimeMs();
    // Up to any time: a wall clock that stepped back must not make a recent id look unseen.
    try (WindowStoreIterator<byte[]> earlier = seen.fetch(id, now - windowMillis, Long.MAX_VALUE)) {
      if (earlier.hasNext()) {
        metrics.duplicate(record.value().event().type());
        LOG.debug("Duplicate raw event {} ({}) not processed again", id, record.value().source());
        return;
      }
    }
    seen.put(id, SEEN, now);
    context.forward(record);
  }
}
