package io.realcast.webhooks.router;

import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.router.internal.FanOutProcessor;
import io.realcast.webhooks.router.internal.StreamStateProcessor;
import io.realcast.webhooks.router.internal.StreamStateSerde;
import io.realcast.webhooks.router.internal.SubscriptionIndexProcessor;
import io.realcast.webhooks.router.internal.ValidateEventsProcessor;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The router's topology; wiring only, the logic is in {@code state} and {@code fanout}.
 *
 * <pre>
 * realcast.webhooks ─▶ webhooks-source ─▶ index-subscriptions ─▶ [subscriptions-by-app] (global)
 *
 * realcast.events ─▶ events-source ─▶ validate-events ─┬─▶ events-invalid-sink ─▶ realcast.events.invalid
 *                                                      └─▶ track-stream-state [stream-state] ─▶ fan-out ─▶ deliveries-sink ─▶ realcast.deliveries
 *                                                           └ every interval: viewer.count.update ─┘        (reads [subscriptions-by-app])
 * </pre>
 *
 * Every node and store is named: the stream-state changelog topic is {@code <application id>-stream-state-changelog}
 * and stays so across upgrades. Events are keyed by stream id already, so nothing is repartitioned.
 */
public final class RouterTopology {
  public static final String EVENTS_SOURCE = "events-source";
  public static final String VALIDATE = "validate-events";
  public static final String INVALID_SINK = "events-invalid-sink";
  public static final String STREAM_STATE = "track-stream-state";
  public static final String FAN_OUT = "fan-out";
  public static final String DELIVERIES_SINK = "deliveries-sink";
  public static final String WEBHOOKS_SOURCE = "webhooks-source";
  public static final String INDEX_SUBSCRIPTIONS = "index-subscriptions";
  public static final String STREAM_STATE_STORE = "stream-state";
  public static final String SUBSCRIPTIONS_STORE = "subscriptions-by-app";

  private RouterTopology() {}

  public static Topology build(Topics topics, Duration viewerCountInterval, int maxEventBytes, RouterMetrics metrics, Clock clock) {
    Topology topology = new Topology();
    RawEventParser parser = new RawEventParser(maxEventBytes);

    // The registry is small and every task needs all of it: a global store, rebuilt through the
    // processor at start-up (Topology#addGlobalStore reprocesses on restore), so the index is always derived.
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SUBSCRIPTIONS_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        WEBHOOKS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.webhooks(),
        INDEX_SUBSCRIPTIONS, () -> new SubscriptionIndexProcessor(SUBSCRIPTIONS_STORE));

    topology.addSource(EVENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
    topology.addProcessor(VALIDATE,
        () -> new ValidateEventsProcessor(parser, metrics, STREAM_STATE, INVALID_SINK), EVENTS_SOURCE);
    topology.addSink(INVALID_SINK, topics.eventsInvalid(), new StringSerializer(), new ByteArraySerializer(), VALIDATE);
    topology.addProcessor(STREAM_STATE,
        () -> new StreamStateProcessor(STREAM_STATE_STORE, viewerCountInterval, metrics), VALIDATE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STREAM_STATE_STORE), Serdes.String(), new StreamStateSerde()),
        STREAM_STATE);
    topology.addProcessor(FAN_OUT, () -> new FanOutProcessor(SUBSCRIPTIONS_STORE, metrics, clock), STREAM_STATE);
    topology.addSink(DELIVERIES_SINK, topics.deliveries(), new StringSerializer(), new ByteArraySerializer(), FAN_OUT);
    return topology;
  }
}
