package io.realcast.webhooks.api;

import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.Setting;

/**
 * What one app may do: how many webhooks it may have, and how often per minute (per api instance) it may send test
 * events, redeliver, and replay or recover. A request over a limit is answered 429 and stores nothing.
 */
public record Quotas(int webhooksPerApp, int testsPerMinute, int redeliveriesPerMinute, int replaysPerMinute) {
  public static final Setting<Integer> WEBHOOKS_PER_APP = Setting.integer("api.quota.webhooks-per-app", 100, 1, 100_000,
      "Most webhooks one app may have");
  public static final Setting<Integer> TESTS_PER_MINUTE = Setting.integer("api.quota.tests-per-minute", 60, 1, 1_000_000,
      "Test events one app may send per minute (per api instance); more answer 429 with Retry-After");
  public static final Setting<Integer> REDELIVERIES_PER_MINUTE = Setting.integer("api.quota.redeliveries-per-minute", 120, 1,
      1_000_000, "Single redeliveries one app may request per minute (per api instance)");
  public static final Setting<Integer> REPLAYS_PER_MINUTE = Setting.integer("api.quota.replays-per-minute", 10, 1, 1_000_000,
      "Replay and recover requests (dry runs included) one app may make per minute (per api instance)");

  public static final Quotas DEFAULTS = new Quotas(100, 60, 120, 10);

  public static Quotas read(ConfigReader r) {
    return new Quotas(r.get(WEBHOOKS_PER_APP), r.get(TESTS_PER_MINUTE), r.get(REDELIVERIES_PER_MINUTE), r.get(REPLAYS_PER_MINUTE));
  }
}
