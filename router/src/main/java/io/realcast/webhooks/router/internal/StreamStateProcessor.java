package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.state.StreamState;
import io.realcast.webhooks.router.state.StreamStateMachine;
import io.realcast.webhooks.router.state.Transition;
import io.realcast.webhooks.router.state.ViewerCountTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Moves stream state between its store and {@link StreamStateMachine}, and every interval of wall-clock
 * time runs {@link ViewerCountTicker} over the live streams of this task. No logic of its own.
 */
public final class StreamStateProcessor implements Processor<String, RawEvent, String, RoutedEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(StreamStateProcessor.class);

  private final String storeName;
  private final Duration interval;
  private final RouterMetrics metrics;
  private ProcessorContext<String, RoutedEvent> context;
  private KeyValueStore<String, StreamState> store;

  public StreamStateProcessor(String storeName, Duration interval, RouterMetrics metrics) {
    this.storeName = storeName;
    this.interval = interval;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, RoutedEvent> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, RawEvent> record) {
    RawEvent event = record.value();
    // Keyed by stream id already; the key of the event is what the state is filed under.
    String streamId = event.streamId();
    Transition transition = StreamStateMachine.apply(store.get(streamId), event);
    if (transition instanceof Transition.Emit emit) {
      change(streamId, emit.state());
      context.forward(record.withKey(streamId).withValue(new RoutedEvent(event.appId(), emit.event())));
    } else if (transition instanceof Transition.Update update) {
      store.put(streamId, update.state());
    } else if (transition instanceof Transition.Ignore ignore) {
      metrics.ignored(event.type(), ignore.reason());
      LOG.debug("Ignored {} {} of stream {}: {}", event.type(), event.id(), streamId, ignore.reason());
    }
  }

  private void change(String streamId, Transition.StateChange change) {
    if (change instanceof Transition.StateChange.Put put) {
      store.put(streamId, put.state());
    } else if (change instanceof Transition.StateChange.Remove) {
      store.delete(streamId);
    }
  }

  private void tick(long timestamp) {
    Instant now = Instant.ofEpochMilli(timestamp);
    List<KeyValue<String, StreamState>> live = new ArrayList<>();
    // Collected first: writing to a store while iterating it is not safe for every store type.
    try (KeyValueIterator<String, StreamState> all = store.all()) {
      all.forEachRemaining(live::add);
    }
    for (KeyValue<String, StreamState> entry : live) {
      ViewerCountTicker.Tick tick = ViewerCountTicker.tick(entry.value, now);
      store.put(entry.key, tick.next());
      metrics.viewerCountUpdate();
      context.forward(new Record<>(entry.key, new RoutedEvent(entry.value.appId(), tick.update()), timestamp));
    }
  }
}
