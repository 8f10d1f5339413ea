package io.realcast.webhooks.systemtest.harness;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads values out of a Prometheus text scrape of a service's {@code /metrics}. */
public final class Metrics {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

  private final String text;

  private Metrics(String text) {
    this.text = text;
  }

  /** Scrapes {@code service}; empty when it does not answer. */
  public static Metrics scrape(BlockingHttp http, ServiceProcess service) {
    BlockingHttp.Response response = http.get(service.metricsPort(), "/metrics", Map.of());
    return new Metrics(response.ok() ? response.body() : "");
  }

  public boolean answered() {
    return !text.isEmpty();
  }

  /** Sum of every sample of {@code name} whose labels contain each of {@code labelFragments}; empty if none. */
  public OptionalDouble sum(String name, String... labelFragments) {
    Matcher m = SAMPLE.matcher(text);
    double total = 0;
    boolean found = false;
    while (m.find()) {
      if (!m.group(1).equals(name)) {
        continue;
      }
      String labels = m.group(2) == null ? "" : m.group(2);
      boolean all = true;
      for (String fragment : labelFragments) {
        all &= labels.contains(fragment);
      }
      if (all) {
        total += Double.parseDouble(m.group(3));
        found = true;
      }
    }
    return found ? OptionalDouble.of(total) : OptionalDouble.empty();
  }

  /** Heap in use (sum of the heap pools of Micrometer's JVM memory metrics), or -1 if not exposed. */
  public double heapUsedBytes() {
    return sum("jvm_memory_used_bytes", "area=\"heap\"").orElse(-1);
  }
}
