package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.history.DeliveryStatus;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.WebhookId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which deliveries of a webhook to send again: those created in [{@code since}, {@code until}), in one of
 * {@code statuses} (every final status when empty), of one of {@code eventTypes} (every type when empty).
 */
public record ReplayRequest(Instant since, Optional<Instant> until, Set<DeliveryStatus> statuses,
    Set<WebhookEventType> eventTypes, boolean dryRun) {

  /** Statuses a replay may select: the final ones (pending and retrying deliveries are queued already). */
  public static final Set<DeliveryStatus> REPLAYABLE = EnumSet.of(DeliveryStatus.DELIVERED, DeliveryStatus.DEAD,
      DeliveryStatus.SUPERSEDED);

  public ReplayRequest {
    statuses = statuses.isEmpty() ? REPLAYABLE : Set.copyOf(statuses);
    eventTypes = Set.copyOf(eventTypes);
  }

  /** Today's {@code recover}: every dead letter since a time. */
  public static ReplayRequest recover(Instant since) {
    return new ReplayRequest(since, Optional.empty(), EnumSet.of(DeliveryStatus.DEAD), Set.of(), false);
  }

  /**
   * The id of this request for this webhook, the same for the same window and filters (dry run or not): a
   * repeated request skips what it queued before, so sending it twice queues nothing twice.
   */
  public String replayId(WebhookId webhook) {
    StringBuilder canonical = new StringBuilder().append(webhook.value()).append('|').append(since.toEpochMilli()).append('|')
        .append(until.map(u -> Long.toString(u.toEpochMilli())).orElse("")).append('|');
    new TreeSet<>(statuses.stream().map(DeliveryStatus::wireName).toList()).forEach(s -> canonical.append(s).append(','));
    canonical.append('|');
    new TreeSet<>(eventTypes.stream().map(WebhookEventType::wireName).toList()).forEach(t -> canonical.append(t).append(','));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return "rpl_" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
