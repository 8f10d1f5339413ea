package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.ApiMetrics;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.subscription.Subscription;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disables a subscription whose endpoint answered 410 Gone (docs/DELIVERY.md). The deliverer only records the attempt; the
 * api instance that runs the attempt's history partition acts on it, through the same version rule as every other
 * write. Idempotent: an attempt older than the subscription's last change (say, reprocessed after the user enabled
 * it again) changes nothing, nor does one for a subscription already disabled. Runs on its own thread so the
 * history never waits on Kafka.
 */
public final class GoneDisabler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GoneDisabler.class);
  public static final String REASON = "gone";

  private final Webhooks webhooks;
  private final ApiMetrics metrics;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "gone-disabler");
    t.setDaemon(true);
    return t;
  });

  public GoneDisabler(Webhooks webhooks, ApiMetrics metrics) {
    this.webhooks = webhooks;
    this.metrics = metrics;
  }

  /** Called by the history for every GONE attempt. */
  public void onGone(AttemptLog attempt) {
    executor.execute(() -> disableIfCurrent(attempt));
  }

  private void disableIfCurrent(AttemptLog attempt) {
    try {
      webhooks.find(attempt.webhookId())
          .filter(Subscription::enabled)
          .filter(s -> attempt.attempt().startedAt().isAfter(s.updatedAt()))
          .filter(s -> webhooks.disableIfUnchanged(s, reasonText(attempt)))
          .ifPresent(s -> {
            metrics.disabled(REASON);
            LOG.info("Disabled webhook {}: its endpoint answered 410 Gone (delivery {})", s.id(), attempt.deliveryId());
          });
    } catch (RuntimeException e) {
      LOG.error("Could not disable webhook {} after 410 Gone: {}", attempt.webhookId(), e.toString(), e);
    }
  }

  static String reasonText(AttemptLog attempt) {
    return "gone: the endpoint answered 410 Gone at " + attempt.attempt().startedAt();
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
