package io.realcast.webhooks.router;

import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.router.internal.AppQuotaProcessor;
import io.realcast.webhooks.router.internal.CommitPacers;
import io.realcast.webhooks.router.internal.DeduplicateProcessor;
import io.realcast.webhooks.router.internal.FanOutProcessor;
import io.realcast.webhooks.router.internal.FanOutTracing;
import io.realcast.webhooks.router.internal.InvalidOutput;
import io.realcast.webhooks.router.internal.PaceCommitsProcessor;
import io.realcast.webhooks.router.internal.RouteIndexVersion;
import io.realcast.webhooks.router.internal.StreamStateProcessor;
import io.realcast.webhooks.router.internal.StreamStateSerde;
import io.realcast.webhooks.router.internal.SubscriptionIndexProcessor;
import io.realcast.webhooks.router.internal.ValidateEventsProcessor;
import io.realcast.webhooks.router.invalid.InvalidWriteFailures;
import io.realcast.webhooks.router.state.StreamRules;
import io.realcast.webhooks.topic.Topics;
import io.realcast.webhooks.tracing.Tracing;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The router's topology; wiring only, the logic is in {@code state}, {@code quota}, {@code invalid} and {@code fanout}.
 *
 * <pre>
 * realcast.webhooks ─▶ webhooks-source ─▶ index-subscriptions ─▶ [subscriptions-by-app] (global)
 *
 * realcast.events ─▶ events-source ─▶ pace-commits ─▶ validate-events ─┬─▶ events-invalid-sink ─▶ realcast.events.invalid
 *                     (asks for commits: CommitPacer)                   ▼
 *                 deduplicate-events [seen-event-ids] ─▶ apply-app-quota [delayed-events]
 *                                                      ▼
 *  track-stream-state [stream-state, stream-viewers, held-events, ended-streams] ─┬─▶ refused-events-sink ─▶ realcast.events.invalid
 *   └ every second: due viewer counts, idle ends, grace periods                  └─▶ fan-out ─▶ deliveries-sink ─▶ realcast.deliveries
 *                                                                                      (reads [subscriptions-by-app])
 * </pre>
 *
 * Every node and store is named, so changelog topics ({@code <application id>-<store>-changelog}) keep their
 * names across upgrades; the shape does not depend on configuration. Events are keyed by stream id already,
 * so nothing is repartitioned.
 */
public final class RouterTopology {
  public static final String EVENTS_SOURCE = "events-source";
  public static final String PACE_COMMITS = "pace-commits";
  public static final String VALIDATE = "validate-events";
  public static final String INVALID_SINK = "events-invalid-sink";
  public static final String DEDUPLICATE = "deduplicate-events";
  public static final String APP_QUOTA = "apply-app-quota";
  public static final String STREAM_STATE = "track-stream-state";
  public static final String REFUSED_SINK = "refused-events-sink";
  public static final String FAN_OUT = "fan-out";
  public static final String DELIVERIES_SINK = "deliveries-sink";
  public static final String WEBHOOKS_SOURCE = "webhooks-source";
  public static final String INDEX_SUBSCRIPTIONS = "index-subscriptions";
  public static final String STREAM_STATE_STORE = "stream-state";
  public static final String STREAM_VIEWERS_STORE = "stream-viewers";
  public static final String HELD_EVENTS_STORE = "held-events";
  public static final String ENDED_STREAMS_STORE = "ended-streams";
  public static final String SEEN_EVENT_IDS_STORE = "seen-event-ids";
  public static final String DELAYED_EVENTS_STORE = "delayed-events";
  public static final String SUBSCRIPTIONS_STORE = "subscriptions-by-app";
  public static final String SEQUENCES_STORE = "sequence-numbers";

  private RouterTopology() {}

  /**
   * @param invalidWrites shared with the production handler, which records the invalid-topic writes that failed
   */
  public static Topology build(RouterConfig config, RouterMetrics metrics, InvalidWriteFailures invalidWrites, Clock clock) {
    return build(config, metrics, invalidWrites, clock, Tracing.off());
  }

  /**
   * The same topology; {@code tracing} decides whether fan-out starts spans (the shape does not change). Its pacers
   * hear of no commit's end, so it suits a {@code TopologyTestDriver}, which commits after every record; a
   * {@code KafkaStreams} needs the form below and {@link io.realcast.webhooks.router.internal.PacedClientSupplier}.
   */
  public static Topology build(RouterConfig config, RouterMetrics metrics, InvalidWriteFailures invalidWrites, Clock clock,
      Tracing tracing) {
    return build(config, metrics, invalidWrites, clock, tracing, new CommitPacers(config.commits()));
  }

  /**
   * The same topology, pacing its commits with {@code pacers}: the ones the stream threads' producers report their
   * commits to ({@link io.realcast.webhooks.router.internal.PacedClientSupplier}).
   */
  public static Topology build(RouterConfig config, RouterMetrics metrics, InvalidWriteFailures invalidWrites, Clock clock,
      Tracing tracing, CommitPacers pacers) {
    Topics topics = config.kafka().topics();
    StreamRules rules = config.streamRules();
    Duration window = config.events().duplicateWindow();
    RawEventParser parser = new RawEventParser(config.maxEventBytes());
    InvalidOutput invalidOutput = new InvalidOutput(invalidWrites, metrics, config.maxEventBytes());
    RouteIndexVersion indexVersion = new RouteIndexVersion();
    Topology topology = new Topology();

    // The registry is small and every task needs all of it: a global store, rebuilt through the
    // processor at start-up (Topology#addGlobalStore reprocesses on restore), so the index is always derived.
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SUBSCRIPTIONS_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        WEBHOOKS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.webhooks(),
        INDEX_SUBSCRIPTIONS, () -> new SubscriptionIndexProcessor(SUBSCRIPTIONS_STORE, indexVersion));

    topology.addSource(EVENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
    topology.addProcessor(PACE_COMMITS, () -> new PaceCommitsProcessor(pacers, metrics), EVENTS_SOURCE);
    topology.addProcessor(VALIDATE,
        () -> new ValidateEventsProcessor(parser, metrics, invalidOutput, DEDUPLICATE, INVALID_SINK), PACE_COMMITS);
    topology.addSink(INVALID_SINK, topics.eventsInvalid(), new StringSerializer(), new ByteArraySerializer(), VALIDATE);

    topology.addProcessor(DEDUPLICATE, () -> new DeduplicateProcessor(SEEN_EVENT_IDS_STORE, window, metrics), VALIDATE);
    topology.addStateStore(bytesStore(SEEN_EVENT_IDS_STORE), DEDUPLICATE);

    topology.addProcessor(APP_QUOTA,
        () -> new AppQuotaProcessor(DELAYED_EVENTS_STORE, config.events().appEventsPerSecond(), metrics), DEDUPLICATE);
    topology.addStateStore(bytesStore(DELAYED_EVENTS_STORE), APP_QUOTA);

    StreamStateProcessor.Wiring wiring = new StreamStateProcessor.Wiring(STREAM_STATE_STORE, STREAM_VIEWERS_STORE,
        HELD_EVENTS_STORE, ENDED_STREAMS_STORE, FAN_OUT, REFUSED_SINK);
    topology.addProcessor(STREAM_STATE,
        () -> new StreamStateProcessor(wiring, rules, window.toMillis(), metrics, invalidOutput), APP_QUOTA);
    // Cached: a busy stream's state changes with every join and leave; the cache writes it to RocksDB and its
    // changelog once per commit instead of once per event.
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STREAM_STATE_STORE), Serdes.String(), new StreamStateSerde())
            .withCachingEnabled(),
        STREAM_STATE);
    topology.addStateStore(bytesStore(STREAM_VIEWERS_STORE), STREAM_STATE);
    topology.addStateStore(bytesStore(HELD_EVENTS_STORE), STREAM_STATE);
    topology.addStateStore(bytesStore(ENDED_STREAMS_STORE), STREAM_STATE);
    topology.addSink(REFUSED_SINK, topics.eventsInvalid(), new StringSerializer(), new ByteArraySerializer(), STREAM_STATE);

    FanOutTracing fanOutTracing = new FanOutTracing(tracing);
    topology.addProcessor(FAN_OUT,
        () -> new FanOutProcessor(SUBSCRIPTIONS_STORE, indexVersion, SEQUENCES_STORE, metrics, clock, fanOutTracing), STREAM_STATE);
    // The (webhook, stream) sequences of ordered webhooks: assigned exactly once, like the rest of the state.
    topology.addStateStore(bytesStore(SEQUENCES_STORE), FAN_OUT);
    topology.addSink(DELIVERIES_SINK, topics.deliveries(), new StringSerializer(), new ByteArraySerializer(), FAN_OUT);
    return topology;
  }

  /**
   * A RocksDB key-value store with a changelog. Not a window store even where entries expire: under exactly-once,
   * Kafka Streams 4.4 keeps a window store's changelog offsets over no restart, so each restart would rebuild
   * the task from its changelogs (see ExpiringKeys).
   */
  private static StoreBuilder<?> bytesStore(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
  }

}
