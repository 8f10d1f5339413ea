package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.fanout.FanOut;
import io.realcast.webhooks.router.fanout.Route;
import io.realcast.webhooks.router.fanout.RouteIndex;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import io.realcast.webhooks.id.WebhookId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Looks up the event's app in the registry index and forwards one delivery per matching route, keyed by webhook id.
 * An ordered webhook's deliveries carry the next number of their (webhook, stream) sequence, from a store with a
 * changelog (exactly-once: a number is never given twice, nor skipped, by a crash). A sequence is remembered for
 * {@link #SEQUENCE_MEMORY} after its last use; a stream quiet for longer starts again at 1.
 */
public final class FanOutProcessor implements Processor<String, RoutedEvent, String, byte[]> {
  static final Duration SEQUENCE_MEMORY = Duration.ofDays(7);
  private static final int MAX_EXPIRED_PER_SECOND = 1_000;
  private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();
  private static final int MAX_CACHED_IDS = 100_000;

  private final String indexStoreName;
  private final String sequencesStoreName;
  private final RouterMetrics metrics;
  private final Clock clock;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> index;
  private ExpiringKeys sequences;
  // Route keys → parsed ids: ids are validated once, not once per event (the profile showed the regex).
  private final Map<String, WebhookId> webhookIds = new HashMap<>();

  public FanOutProcessor(String indexStoreName, String sequencesStoreName, RouterMetrics metrics, Clock clock) {
    this.indexStoreName = indexStoreName;
    this.sequencesStoreName = sequencesStoreName;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.index = context.getStateStore(indexStoreName);
    this.sequences = new ExpiringKeys(context.getStateStore(sequencesStoreName), SEQUENCE_MEMORY.toMillis());
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> sequences.expire(now, MAX_EXPIRED_PER_SECOND));
  }

  @Override
  public void process(Record<String, RoutedEvent> record) {
    RoutedEvent routed = record.value();
    List<Delivery> deliveries = FanOut.deliveries(routed.app(), routed.event(), routes(routed), clock.instant(), this::nextSequence);
    for (Delivery d : deliveries) {
      context.forward(new Record<>(d.webhookId().value(), DeliveryCodec.encode(d), record.timestamp()));
    }
    metrics.deliveriesCreated(routed.event().type(), deliveries.size());
  }

  private long nextSequence(WebhookId webhook, String streamId) {
    String key = webhook.value() + "|" + streamId;
    long now = context.currentSystemTimeMs();
    byte[] last = sequences.get(key, now);
    long next = last == null ? 1 : ByteBuffer.wrap(last).getLong() + 1;
    sequences.put(key, ByteBuffer.allocate(Long.BYTES).putLong(next).array(), now);
    return next;
  }

  private List<Route> routes(RoutedEvent routed) {
    List<Route> routes = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = index.prefixScan(RouteIndex.appPrefix(routed.app()), PREFIX_SERIALIZER)) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        routes.add(Route.decode(webhookId(entry.key), entry.value));
      }
    }
    return routes;
  }

  private WebhookId webhookId(String routeKey) {
    if (webhookIds.size() > MAX_CACHED_IDS) {
      webhookIds.clear(); // bounded by the registry's size in practice; this only guards against churn
    }
    return webhookIds.computeIfAbsent(routeKey, RouteIndex::webhookOf);
  }
}
