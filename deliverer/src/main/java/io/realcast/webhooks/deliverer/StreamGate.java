package io.realcast.webhooks.deliverer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * The gate of one stream of an ordered webhook whose deliveries are not all flowing: one of them waits (for a retry, for
 * room), so the later ones must not overtake it. The router numbers each (webhook, stream)'s deliveries 1, 2, 3, ...
 * without gaps; the gate lets through only {@link #next} (the oldest that is not final yet) and remembers the highest
 * number it has seen, so it knows when everything behind it is final and it can close. Kept in the compacted topic
 * {@code realcast.deliveries.gates} by the deliverer that owns the webhook's partition (docs/DELIVERY.md, "Ordered
 * streams").
 *
 * @param next the sequence number that may be sent now; lower ones are final
 * @param seen the highest sequence number of the stream this gate has seen
 * @param nextDue when {@code next} is due again, if it waits in a retry topic (null: not known, or not waiting); what
 *     waits behind it is parked until then rather than read again every second
 */
public record StreamGate(WebhookId webhookId, String stream, long next, long seen, Instant nextDue) {

  public StreamGate(WebhookId webhookId, String stream, long next, long seen) {
    this(webhookId, stream, next, seen, null);
  }

  public StreamGate {
    Objects.requireNonNull(webhookId, "webhook_id");
    Objects.requireNonNull(stream, "stream");
    if (next < 1 || seen < next - 1) {
      throw new IllegalArgumentException("a gate needs 1 <= next <= seen + 1, got next " + next + ", seen " + seen);
    }
  }

  /** A gate that waits for {@code next}, having seen up to {@code seen}. */
  public static StreamGate at(Delivery d, long next, long seen) {
    return new StreamGate(d.webhookId(), d.streamId(), next, Math.max(seen, next));
  }

  /** The key of a delivery's stream: its webhook and its stream. */
  public static String key(Delivery d) {
    return key(d.webhookId(), d.streamId());
  }

  public static String key(WebhookId webhook, String stream) {
    return webhook.value() + '|' + stream;
  }

  public String key() {
    return key(webhookId, stream);
  }

  /** Whether {@code d} may be sent now: it is the next one, or a repeat of one that is final already. */
  public boolean admits(Delivery d) {
    return d.sequence() <= next;
  }

  /** The same gate, having seen {@code sequence}. */
  public StreamGate seen(long sequence) {
    return sequence <= seen ? this : new StreamGate(webhookId, stream, next, sequence, nextDue);
  }

  /** The same gate, knowing that {@code sequence} is due again at {@code due}, if it is the one awaited. */
  public StreamGate dueAgain(long sequence, Instant due) {
    return sequence != next || Objects.equals(due, nextDue) ? this : new StreamGate(webhookId, stream, next, seen, due);
  }

  /** The gate once {@code sequence} is final: it moves on if that was the next one. */
  public StreamGate finished(long sequence) {
    return sequence == next ? new StreamGate(webhookId, stream, next + 1, seen) : this;
  }

  /** Everything it has seen is final: nothing waits behind it any more. */
  public boolean drained() {
    return next > seen;
  }

  public byte[] encode() {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("webhook_id", webhookId.value());
    node.put("stream_id", stream);
    node.put("next", next);
    node.put("seen", seen);
    if (nextDue != null) {
      node.put("next_due", nextDue.toString());
    }
    return Json.toBytes(node);
  }

  public static StreamGate decode(byte[] bytes) {
    JsonNode n = Json.readTree(bytes);
    return new StreamGate(WebhookId.of(n.path("webhook_id").asText()), n.path("stream_id").asText(), n.path("next").asLong(),
        n.path("seen").asLong(), n.hasNonNull("next_due") ? Instant.parse(n.get("next_due").asText()) : null);
  }
}
