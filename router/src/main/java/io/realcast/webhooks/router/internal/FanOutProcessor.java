package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.fanout.FanOut;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Looks up the event's app in the registry index (through the task's {@link RouteCache}) and forwards one delivery
 * per matching route, keyed by webhook id. An ordered webhook's deliveries carry the next number of their (webhook, stream) sequence, from a store with a
 * changelog (exactly-once: a number is never given twice, nor skipped, by a crash). A sequence is remembered for
 * {@link #SEQUENCE_MEMORY} after its last use; a stream quiet for longer starts again at 1.
 */
public final class FanOutProcessor implements Processor<String, RoutedEvent, String, byte[]> {
  static final Duration SEQUENCE_MEMORY = Duration.ofDays(7);
  private static final int MAX_EXPIRED_PER_SECOND = 1_000;

  private final String indexStoreName;
  private final RouteIndexVersion indexVersion;
  private final String sequencesStoreName;
  private final RouterMetrics metrics;
  private final Clock clock;
  private final FanOutTracing tracing;
  private ProcessorContext<String, byte[]> context;
  private RouteCache routes;
  private ExpiringKeys sequences;

  public FanOutProcessor(String indexStoreName, RouteIndexVersion indexVersion, String sequencesStoreName,
      RouterMetrics metrics, Clock clock, FanOutTracing tracing) {
    this.indexStoreName = indexStoreName;
    this.indexVersion = indexVersion;
    this.sequencesStoreName = sequencesStoreName;
    this.metrics = metrics;
    this.clock = clock;
    this.tracing = tracing;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.routes = new RouteCache(context.getStateStore(indexStoreName), indexVersion);
    this.sequences = new ExpiringKeys(context.getStateStore(sequencesStoreName), SEQUENCE_MEMORY.toMillis());
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> sequences.expire(now, MAX_EXPIRED_PER_SECOND));
  }

  @Override
  public void process(Record<String, RoutedEvent> record) {
    RoutedEvent routed = record.value();
    List<Delivery> deliveries = tracing.traced(routed,
        FanOut.deliveries(routed.app(), routed.event(), routes.routes(routed.app()), clock.instant(), this::nextSequence));
    List<byte[]> encoded = DeliveryCodec.encodeAll(deliveries);
    for (int i = 0; i < deliveries.size(); i++) {
      context.forward(new Record<>(deliveries.get(i).webhookId().value(), encoded.get(i), record.timestamp()));
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
}
