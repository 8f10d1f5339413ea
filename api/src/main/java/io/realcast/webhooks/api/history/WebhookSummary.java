package io.realcast.webhooks.api.history;

import java.time.Instant;
import java.util.Optional;

/**
 * A webhook's lifetime counters and its lag: how many deliveries are not final yet ({@code counters.byStatus()}),
 * and since when the oldest of them has waited.
 */
public record WebhookSummary(WebhookCounters counters, Optional<Instant> oldestUnfinishedSince) {}
