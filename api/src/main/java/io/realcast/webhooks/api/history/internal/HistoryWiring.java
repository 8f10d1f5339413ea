package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.ApiMetrics;
import io.realcast.webhooks.api.history.RetentionPolicy;
import io.realcast.webhooks.topic.Topics;
import java.time.Duration;

/**
 * What the history's processor needs from around it.
 *
 * @param evictEvery how often expired entries are looked for (wall clock)
 */
public record HistoryWiring(Topics topics, RetentionPolicy retention, ApiMetrics metrics, Duration evictEvery) {
  static final String DELIVERIES = "deliveries";
  static final String ATTEMPTS = "attempts";
  static final String DEAD = "dead";

  /** The bounded metric tag of a source topic. */
  String kindOf(String topic) {
    if (topic.equals(topics.deliveries())) {
      return DELIVERIES;
    }
    return topic.equals(topics.attempts()) ? ATTEMPTS : DEAD;
  }
}
