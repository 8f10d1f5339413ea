package io.realcast.webhooks.app.dlq;

import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.Optional;

/**
 * Which dead letters a {@code realcast dlq} command looks at: of one webhook or app, one delivery, deliveries created
 * in [{@code since}, {@code until}). Empty filters nothing.
 */
public record DeadLetterFilter(Optional<WebhookId> webhook, Optional<AppId> app, Optional<DeliveryId> delivery,
    Optional<Instant> since, Optional<Instant> until) {

  public static final DeadLetterFilter ALL =
      new DeadLetterFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public static DeadLetterFilter delivery(DeliveryId id) {
    return new DeadLetterFilter(Optional.empty(), Optional.empty(), Optional.of(id), Optional.empty(), Optional.empty());
  }

  public boolean matches(DeadLetter dead) {
    Delivery d = dead.delivery();
    return webhook.map(w -> w.equals(d.webhookId())).orElse(true)
        && app.map(a -> a.equals(d.appId())).orElse(true)
        && delivery.map(id -> id.equals(d.id())).orElse(true)
        && since.map(s -> !d.createdAt().isBefore(s)).orElse(true)
        && until.map(u -> d.createdAt().isBefore(u)).orElse(true);
  }
}
