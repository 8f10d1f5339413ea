package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.invalid.Source;
import io.realcast.webhooks.router.quota.AppQuota;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back the events of an app that exceeds its events per second ({@link AppQuota}) instead of dropping
 * them: they wait, in order, in a store with a changelog (so they survive a crash exactly-once), and a
 * punctuation releases them as the app's quota allows. Other apps' events on the same partition go on.
 * Once an app has events waiting, its new events queue behind them, so each stream keeps its order.
 */
public final class AppQuotaProcessor implements Processor<String, ParsedEvent, String, ParsedEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(AppQuotaProcessor.class);
  static final Duration RELEASE_PERIOD = Duration.ofMillis(100);
  /** Released per app and punctuation at most, so that lifting a limit does not load a whole backlog into memory. */
  private static final int MAX_RELEASE_BATCH = 10_000;
  private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();
  // Released events were valid when they were queued; a smaller size limit set meanwhile must not reject them.
  private static final RawEventParser PARSER = new RawEventParser(Integer.MAX_VALUE);

  private final String storeName;
  private final AppQuota quota;
  private final RouterMetrics metrics;
  private final Map<String, Long> waitingByApp = new HashMap<>();
  private ProcessorContext<String, ParsedEvent> context;
  private KeyValueStore<String, byte[]> waiting;

  public AppQuotaProcessor(String storeName, int eventsPerSecond, RouterMetrics metrics) {
    this.storeName = storeName;
    this.quota = new AppQuota(eventsPerSecond);
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, ParsedEvent> context) {
    this.context = context;
    this.waiting = context.getStateStore(storeName);
    waitingByApp.clear();
    try (KeyValueIterator<String, byte[]> all = waiting.all()) {
      all.forEachRemaining(kv -> waitingByApp.merge(StoreKeys.owner(kv.key), 1L, Long::sum));
    }
    metrics.queued(total());
    context.schedule(RELEASE_PERIOD, PunctuationType.WALL_CLOCK_TIME, this::release);
  }

  @Override
  public void process(Record<String, ParsedEvent> record) {
    ParsedEvent parsed = record.value();
    String app = parsed.event().appId().value();
    if (!waitingByApp.containsKey(app) && quota.tryTake(app, context.currentSystemTimeMs())) {
      context.forward(record);
      return;
    }
    waiting.put(StoreKeys.of(app, parsed.source().offset()), parsed.bytes());
    if (waitingByApp.merge(app, 1L, Long::sum) == 1) {
      LOG.info("App {} exceeds {} raw events/s on partition {}: its events are delayed, in order", app,
          quota.perSecond(), context.taskId().partition());
    }
    metrics.delayed();
    metrics.queued(1);
  }

  private void release(long now) {
    for (String app : List.copyOf(waitingByApp.keySet())) {
      long allowed = Math.min(MAX_RELEASE_BATCH, quota.available(app, now));
      List<KeyValue<String, byte[]>> due = new ArrayList<>();
      try (KeyValueIterator<String, byte[]> queue = waiting.prefixScan(StoreKeys.prefix(app), PREFIX_SERIALIZER)) {
        while (due.size() < allowed && queue.hasNext()) {
          due.add(queue.next());
        }
      }
      for (KeyValue<String, byte[]> entry : due) {
        quota.tryTake(app, now);
        waiting.delete(entry.key);
        ParsedEvent parsed = new ParsedEvent(PARSER.parse(entry.value), entry.value,
            new Source(context.taskId().partition(), StoreKeys.offset(entry.key)));
        context.forward(new Record<>(parsed.event().streamId(), parsed, now));
      }
      long left = waitingByApp.merge(app, -(long) due.size(), Long::sum);
      if (left <= 0) {
        waitingByApp.remove(app);
      }
      metrics.queued(-due.size());
    }
    quota.forgetIdle(now);
  }

  private long total() {
    return waitingByApp.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    metrics.queued(-total());
    waitingByApp.clear();
  }
}
