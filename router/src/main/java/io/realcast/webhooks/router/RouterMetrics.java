package io.realcast.webhooks.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realcast.webhooks.event.InvalidReason;
import io.realcast.webhooks.event.RawEventType;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.metrics.MetricDef.Kind;
import io.realcast.webhooks.metrics.MetricDef;
import io.realcast.webhooks.router.state.IgnoredReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The router's metric catalog, and its meters. Counters are created up front for every tag value (all
 * bounded enums) so the hot path only increments and Prometheus shows zeros instead of missing series.
 */
public final class RouterMetrics {
  public static final MetricDef EVENTS_INGESTED = new MetricDef("realcast.router.events.ingested", Kind.COUNTER, "",
      List.of("type"), "Valid raw events read from realcast.events, by raw type");
  public static final MetricDef EVENTS_INVALID = new MetricDef("realcast.router.events.invalid", Kind.COUNTER, "",
      List.of("reason"), "Raw events sent to realcast.events.invalid, by reason");
  public static final MetricDef EVENTS_IGNORED = new MetricDef("realcast.router.events.ignored", Kind.COUNTER, "",
      List.of("type", "reason"), "Valid raw events that produced no webhook because of the stream's state "
          + "(all but viewer.left are also copied to realcast.events.invalid)");
  public static final MetricDef EVENTS_DUPLICATE = new MetricDef("realcast.router.events.duplicate", Kind.COUNTER, "",
      List.of("type"), "Raw events not processed again because their id was seen within the duplicate window");
  public static final MetricDef EVENTS_HELD = new MetricDef("realcast.router.events.held", Kind.COUNTER, "",
      List.of("type"), "Raw events that waited for their stream's stream.live (then processed, or ignored after the grace period)");
  public static final MetricDef STREAMS_EXPIRED = new MetricDef("realcast.router.streams.expired", Kind.COUNTER, "",
      List.of(), "Live streams ended by the router with a stream.offline after the idle timeout");
  public static final MetricDef STREAMS_LIVE = new MetricDef("realcast.router.streams.live", Kind.GAUGE, "",
      List.of(), "Live streams whose state this router instance holds");
  public static final MetricDef EVENTS_DELAYED = new MetricDef("realcast.router.events.delayed", Kind.COUNTER, "",
      List.of(), "Raw events delayed because their app exceeded its events per second (router.app.events.per.second)");
  public static final MetricDef EVENTS_QUEUED = new MetricDef("realcast.router.events.queued", Kind.GAUGE, "",
      List.of(), "Raw events waiting now on this router instance because their app exceeded its events per second");
  public static final MetricDef WAKE_UPS = new MetricDef("realcast.router.wakeups", Kind.TIMER, "seconds",
      List.of(), "Time the once-a-second stream-state wake-up of one task takes (due viewer counts, idle ends, grace periods)");
  public static final MetricDef TRANSACTION_OPEN = new MetricDef("realcast.router.transaction.open", Kind.TIMER, "seconds",
      List.of(), "How long the first raw event of each exactly-once transaction waited for the router to ask for its commit: "
          + "the commit interval while the router keeps up, longer (up to router.commit.interval.max) when its input is late");
  public static final MetricDef STATE_RESTORED = new MetricDef("realcast.router.state.restored", Kind.COUNTER, "",
      List.of("store"), "Records restored from changelogs into local state (after a crash, or a task moving here)");
  public static final MetricDef INVALID_DROPPED = new MetricDef("realcast.router.invalid.dropped", Kind.COUNTER, "",
      List.of(), "Records realcast.events.invalid refused even as a headers-only stub, given up so that routing goes on");
  public static final MetricDef DELIVERIES_CREATED = new MetricDef("realcast.router.deliveries.created", Kind.COUNTER,
      "", List.of("event"), "Delivery records written to realcast.deliveries, by webhook event type");
  public static final MetricDef VIEWER_COUNT_UPDATES = new MetricDef("realcast.router.viewer.count.updates",
      Kind.COUNTER, "", List.of(), "viewer.count.update events computed (one per live stream per interval)");
  public static final MetricDef HANDLER_ERRORS = new MetricDef("realcast.router.stream.errors", Kind.COUNTER, "",
      List.of("stage"), "Records Kafka Streams could not deserialize or produce, and uncaught exceptions");

  public static List<MetricDef> catalog() {
    return List.of(EVENTS_INGESTED, EVENTS_INVALID, EVENTS_IGNORED, EVENTS_DUPLICATE, EVENTS_HELD, STREAMS_EXPIRED,
        STREAMS_LIVE, WAKE_UPS, TRANSACTION_OPEN, EVENTS_DELAYED, EVENTS_QUEUED, STATE_RESTORED, INVALID_DROPPED, DELIVERIES_CREATED, VIEWER_COUNT_UPDATES, HANDLER_ERRORS);
  }

  /** Stages of {@link #HANDLER_ERRORS}. */
  public enum Stage {
    DESERIALIZATION,
    /** A delivery could not be written: the transaction aborts and the events are processed again. */
    PRODUCTION,
    /** A record of realcast.events.invalid could not be written: next time it is written smaller, or not at all. */
    INVALID_TOPIC,
    UNCAUGHT
  }

  private final Map<RawEventType, Counter> ingested = new EnumMap<>(RawEventType.class);
  private final Map<InvalidReason, Counter> invalid = new EnumMap<>(InvalidReason.class);
  private final Map<RawEventType, Map<IgnoredReason, Counter>> ignored = new EnumMap<>(RawEventType.class);
  private final Map<WebhookEventType, Counter> created = new EnumMap<>(WebhookEventType.class);
  private final Map<Stage, Counter> errors = new EnumMap<>(Stage.class);
  private final Counter viewerCountUpdates;
  private final Map<RawEventType, Counter> duplicates = new EnumMap<>(RawEventType.class);
  private final Map<RawEventType, Counter> held = new EnumMap<>(RawEventType.class);
  private final Counter expired;
  private final Counter delayed;
  private final Counter invalidDropped;
  private final AtomicLong liveStreams = new AtomicLong();
  private final Timer wakeUps;
  private final Timer transactionOpen;
  private final MeterRegistry registry;
  private final Map<String, Counter> restored = new ConcurrentHashMap<>();
  private final AtomicLong queued = new AtomicLong();

  public RouterMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (RawEventType type : RawEventType.values()) {
      ingested.put(type, counter(registry, EVENTS_INGESTED, type.wireName()));
      Map<IgnoredReason, Counter> byReason = new EnumMap<>(IgnoredReason.class);
      for (IgnoredReason reason : IgnoredReason.values()) {
        byReason.put(reason, counter(registry, EVENTS_IGNORED, type.wireName(), reason.code()));
      }
      ignored.put(type, byReason);
      duplicates.put(type, counter(registry, EVENTS_DUPLICATE, type.wireName()));
      held.put(type, counter(registry, EVENTS_HELD, type.wireName()));
    }
    for (InvalidReason reason : InvalidReason.values()) {
      invalid.put(reason, counter(registry, EVENTS_INVALID, reason.code()));
    }
    for (WebhookEventType type : WebhookEventType.values()) {
      created.put(type, counter(registry, DELIVERIES_CREATED, type.wireName()));
    }
    for (Stage stage : Stage.values()) {
      errors.put(stage, counter(registry, HANDLER_ERRORS, stage.name().toLowerCase(Locale.ROOT)));
    }
    viewerCountUpdates = counter(registry, VIEWER_COUNT_UPDATES);
    expired = counter(registry, STREAMS_EXPIRED);
    delayed = counter(registry, EVENTS_DELAYED);
    invalidDropped = counter(registry, INVALID_DROPPED);
    gauge(registry, STREAMS_LIVE, liveStreams);
    wakeUps = Timer.builder(WAKE_UPS.name()).description(WAKE_UPS.help()).register(registry);
    transactionOpen = Timer.builder(TRANSACTION_OPEN.name()).description(TRANSACTION_OPEN.help()).register(registry);
    gauge(registry, EVENTS_QUEUED, queued);
  }

  private static void gauge(MeterRegistry registry, MetricDef def, AtomicLong value) {
    Gauge.builder(def.name(), value, AtomicLong::get).description(def.help()).register(registry);
  }

  private static Counter counter(MeterRegistry registry, MetricDef def, String... tagValues) {
    Counter.Builder builder = Counter.builder(def.name()).description(def.help());
    for (int i = 0; i < tagValues.length; i++) {
      builder.tag(def.tags().get(i), tagValues[i]);
    }
    return builder.register(registry);
  }

  public void transactionOpen(long millis) {
    transactionOpen.record(millis, TimeUnit.MILLISECONDS);
  }

  public void ingested(RawEventType type) {
    ingested.get(type).increment();
  }

  public void invalid(InvalidReason reason) {
    invalid.get(reason).increment();
  }

  public void ignored(RawEventType type, IgnoredReason reason) {
    ignored.get(type).get(reason).increment();
  }

  public void deliveriesCreated(WebhookEventType type, int count) {
    if (count > 0) {
      created.get(type).increment(count);
    }
  }

  public void viewerCountUpdate() {
    viewerCountUpdates.increment();
  }

  public void handlerError(Stage stage) {
    errors.get(stage).increment();
  }

  public void duplicate(RawEventType type) {
    duplicates.get(type).increment();
  }

  public void held(RawEventType type) {
    held.get(type).increment();
  }

  /** Runs and times one wake-up. */
  public void wakeUp(Runnable work) {
    wakeUps.record(work);
  }

  public void streamExpired() {
    expired.increment();
  }

  /** {@code delta} more (or fewer) live streams held by this instance. */
  public void liveStreams(long delta) {
    liveStreams.addAndGet(delta);
  }

  public void delayed() {
    delayed.increment();
  }

  /** {@code delta} more (or fewer) events waiting for their app's quota on this instance. */
  public void queued(long delta) {
    queued.addAndGet(delta);
  }

  /** Records restored into {@code store}; store names are the topology's, a bounded set. */
  public void restored(String store, long records) {
    restored.computeIfAbsent(store, name -> Counter.builder(STATE_RESTORED.name()).description(STATE_RESTORED.help())
        .tag("store", name).register(registry)).increment(records);
  }

  public void invalidDropped() {
    invalidDropped.increment();
  }
}
