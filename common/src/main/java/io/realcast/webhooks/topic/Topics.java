package io.realcast.webhooks.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every topic name, derived once from an optional prefix (empty in production; unique per test so tests
 * never share topics) and the retry schedule. Pass this record around instead of string constants.
 */
public record Topics(String prefix, RetrySchedule retries) {
  public static final String EVENTS = "realcast.events";
  public static final String EVENTS_INVALID = "realcast.events.invalid";
  public static final String WEBHOOKS = "realcast.webhooks";
  public static final String APPS = "realcast.apps";
  public static final String WEBHOOK_HEALTH = "realcast.webhooks.health";
  public static final String GATES = "realcast.deliveries.gates";
  public static final String DELIVERIES = "realcast.deliveries";
  public static final String DEAD = "realcast.deliveries.dead";
  public static final String ATTEMPTS = "realcast.attempts";

  public Topics {
    prefix = prefix == null ? "" : prefix;
  }

  public static Topics defaults() {
    return new Topics("", RetrySchedule.DEFAULT);
  }

  public String events() {
    return prefix + EVENTS;
  }

  public String eventsInvalid() {
    return prefix + EVENTS_INVALID;
  }

  /** Subscriptions, compacted, key = webhook id. */
  public String webhooks() {
    return prefix + WEBHOOKS;
  }

  /** Apps and their hashed API keys, compacted, key = app id. */
  public String apps() {
    return prefix + APPS;
  }

  /** Webhooks whose attempts are failing, compacted, key = webhook id; written by the deliverer. */
  public String webhookHealth() {
    return prefix + WEBHOOK_HEALTH;
  }

  /**
   * The streams of ordered webhooks whose deliveries wait for an earlier one, compacted, key = webhook id + "|" + stream
   * id; written by the deliverer that owns the webhook's partition of {@link #deliveries()}.
   */
  public String gates() {
    return prefix + GATES;
  }

  public String deliveries() {
    return prefix + DELIVERIES;
  }

  /** {@code realcast.deliveries.retry.5s} for a 5-second delay. */
  public String retry(Duration delay) {
    return prefix + DELIVERIES + ".retry." + RetrySchedule.label(delay);
  }

  public List<String> retryTopics() {
    return retries.delays().stream().map(this::retry).toList();
  }

  public String dead() {
    return prefix + DEAD;
  }

  public String attempts() {
    return prefix + ATTEMPTS;
  }

  public List<String> all() {
    List<String> all = new ArrayList<>(List.of(events(), eventsInvalid(), webhooks(), apps(), webhookHealth(), gates(), deliveries()));
    all.addAll(retryTopics());
    all.addAll(List.of(dead(), attempts()));
    return all;
  }
}
