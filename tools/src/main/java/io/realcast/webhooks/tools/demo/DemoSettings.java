package io.realcast.webhooks.tools.demo;

import io.realcast.webhooks.config.Setting;

/** Settings the demo reads itself, with the demo's own defaults (documented in the configuration reference). */
public final class DemoSettings {
  public static final Setting<String> DATA_DIR = Setting.string("data.dir", ".realcast/demo",
      "Where the demo keeps its broker data, router state, admin key and ids; kept across restarts");
  public static final Setting<Boolean> ALLOW_PRIVATE_TARGETS = Setting.bool("allow.private.targets", true,
      "The demo lets webhooks point at 127.0.0.1 and other private addresses unless this is false");
  public static final Setting<Integer> PARTITIONS = Setting.integer("topic.partitions", 3, 1, 10_000,
      "Partitions of each topic the demo creates (one broker, one JVM: a few are enough)");

  private DemoSettings() {}
}
