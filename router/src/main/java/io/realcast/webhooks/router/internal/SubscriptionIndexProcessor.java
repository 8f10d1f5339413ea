package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.router.fanout.Route;
import io.realcast.webhooks.router.fanout.RouteIndex;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains the registry index ({@link RouteIndex}) from {@code realcast.webhooks}. Runs on the global
 * thread, also when the store is rebuilt at start-up, and never forwards (global processors must not).
 */
public final class SubscriptionIndexProcessor implements Processor<String, byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionIndexProcessor.class);

  private final String storeName;
  private final RouteIndexVersion version;
  private KeyValueStore<String, byte[]> index;

  public SubscriptionIndexProcessor(String storeName, RouteIndexVersion version) {
    this.storeName = storeName;
    this.version = version;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.index = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    try {
      update(record);
    } finally {
      version.changed(); // after the writes: a stream thread that sees the new count sees them
    }
  }

  private void update(Record<String, byte[]> record) {
    WebhookId webhook;
    Subscription subscription;
    try {
      webhook = WebhookId.of(record.key());
      subscription = record.value() == null ? null : SubscriptionCodec.decode(record.value());
    } catch (RuntimeException e) {
      // A record the API would never write; skipping keeps every other subscription routable.
      LOG.warn("Skipping unreadable record in the webhook registry (key {}): {}", record.key(), e.toString());
      return;
    }
    AppId previousApp = previousApp(webhook);
    if (previousApp != null && (subscription == null || !previousApp.equals(subscription.appId()))) {
      index.delete(RouteIndex.routeKey(previousApp, webhook));
    }
    if (subscription == null) {
      index.delete(RouteIndex.ownerKey(webhook));
      return;
    }
    index.put(RouteIndex.routeKey(subscription.appId(), webhook), Route.of(webhook, subscription).encodeValue());
    index.put(RouteIndex.ownerKey(webhook), subscription.appId().value().getBytes(StandardCharsets.UTF_8));
  }

  private AppId previousApp(WebhookId webhook) {
    byte[] owner = index.get(RouteIndex.ownerKey(webhook));
    return owner == null ? null : AppId.of(new String(owner, StandardCharsets.UTF_8));
  }
}
