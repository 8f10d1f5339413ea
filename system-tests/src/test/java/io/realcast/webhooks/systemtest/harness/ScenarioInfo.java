package io.realcast.webhooks.systemtest.harness;

/** The scenarios of docs/RELIABILITY.md: what each does and what it proves, in the order of the issue. */
public enum ScenarioInfo {
  KILL_DELIVERER("kill-deliverer", "kill -9 of a deliverer mid-load, then a restart",
      "Offsets are committed only after an outcome is durable: a deliverer killed at any moment loses nothing; "
          + "what it was sending is sent again with the same X-RealCast-Webhook-Id."),
  KILL_ROUTER("kill-router", "kill -9 of a router mid-load (exactly-once), then a restart, with every 7th raw event published twice",
      "The router's exactly_once_v2 transactions and its duplicate window: realcast.deliveries, read_committed, holds "
          + "each delivery id once, and nothing is missing at the receivers."),
  BROKER_RESTART("broker-restart", "the broker process killed (kill -9) and restarted on the same data directory mid-load",
      "Router, deliverer and api ride out a broker outage without a manual step (same PIDs, healthy, the API "
          + "writes again), and nothing is lost."),
  HOSTILE_RECEIVERS("hostile-receivers",
      "receivers that stall, reset, send endless bodies, drip bytes, answer 429 with a huge Retry-After, or redirect",
      "The deliverer stays within its heap (-Xmx256m, jvm_memory_used_bytes bounded) and timeouts, never follows a "
          + "redirect, caps Retry-After, and healthy receivers get everything meanwhile."),
  ROLLING_RESTART("rolling-restart", "a rolling restart (SIGTERM, start) of two deliverers while delivering",
      "A clean shutdown hands partitions over without losing or dead-lettering anything."),
  BAD_EVENTS("bad-events", "the BadRawEvents corpus published between valid events",
      "Every bad raw event goes to realcast.events.invalid with its reason; valid events around them are delivered; "
          + "the router never restarts (same PID, no uncaught-exception count)."),
  OVERSIZED_EVENTS("oversized-events",
      "raw records of 1,048,500 bytes, of every size up to the broker's limit, and of 1.5 MB compressed with lz4, between valid events",
      "Each reaches realcast.events.invalid cut to the router's limit, with its original size, partition and offset; "
          + "the router never restarts and keeps delivering the valid events behind them."),
  REFUSED_EVENTS("refused-events",
      "valid events stream state cannot apply: early, for a stream never live, a second stream.live, another app's, "
          + "after the end, after an idle expiry, published twice",
      "Each is delivered (an early event once its stream is live, a stream.offline of an unknown stream) or copied to "
          + "realcast.events.invalid with its reason; viewer.left and duplicates are counted; nothing vanishes."),
  HOSTILE_API("hostile-api", "hostile REST input, headers, query parameters and wrong keys on every route",
      "Each gets the right 4xx with a JSON error, no stack trace leaks, and no topic the API writes gains a record."),
  WEBHOOK_RACES("webhook-races", "200 concurrent PATCH, DELETE and secret-rotation requests racing on the same webhooks",
      "Writes to a webhook are serialized and versioned: no deleted webhook comes back, no rotation is undone by a "
          + "racing PATCH, every stored version is unique."),
  API_QUOTAS("api-quotas", "an app going over its webhook quota and its /test, /redeliver, /replay and /recover rate limits",
      "Every breach is answered 429 (with Retry-After for rates) and stores nothing; another app is not affected."),
  VERIFIER_REPLAY("verifier-replay",
      "requests delivered through the pipeline, captured, and replayed to a receiver that verifies with WebhookVerifier: at once, "
          + "then an hour later as captured and with their webhook-* headers stripped",
      "verifyStandardWebhooks accepts every fresh request and refuses every replay an hour later, stripped or not, although "
          + "the stripped copy still carries a valid X-RealCast-Signature (which the named opt-in without replay protection accepts)."),
  UNREADABLE_DELIVERY("unreadable-delivery", "garbage records written straight to realcast.deliveries between valid deliveries",
      "Each reaches realcast.deliveries.dead byte for byte, with its reason and source offset in headers; the valid deliveries "
          + "around them are delivered; the deliverer never restarts."),
  GONE_WITHOUT_API("gone-without-api", "an endpoint answers 410 while the api is stopped; then the api starts again",
      "The deliverer disables the webhook on its own (realcast.webhooks); the restarted api reads it as disabled with "
          + "reason gone; the app's other webhook stays enabled and gets everything."),
  SOAK("soak", "steady load for minutes with a deliverer or router killed every minute (-Dsoak=true)",
      "Heap and open file descriptors of the services stay flat: no leak across restarts.");

  private final String id;
  private final String what;
  private final String proves;

  ScenarioInfo(String id, String what, String proves) {
    this.id = id;
    this.what = what;
    this.proves = proves;
  }

  public String id() {
    return id;
  }

  public String what() {
    return what;
  }

  public String proves() {
    return proves;
  }
}
