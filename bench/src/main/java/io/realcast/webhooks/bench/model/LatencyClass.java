package io.realcast.webhooks.bench.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A class of endpoints in a latency mix: its share of the deliveries and how long it takes to answer.
 *
 * @param share between 0 and 1; the shares of a mix add up to 1
 */
public record LatencyClass(double share, Duration latency) {
  public LatencyClass {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("a share is more than 0% and at most 100%: " + share);
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("a latency is not negative: " + latency);
    }
  }

  /** {@code 99%:20ms,1%:2s}: shares in percent, latencies in ms or s; the shares must add up to 100%. */
  public static List<LatencyClass> parseMix(String text) {
    List<LatencyClass> mix = new ArrayList<>();
    double total = 0;
    for (String part : text.split(",")) {
      String[] sides = part.trim().split(":");
      if (sides.length != 2 || !sides[0].endsWith("%")) {
        throw new IllegalArgumentException("a latency mix is like 99%:20ms,1%:2s, not " + text);
      }
      double share = Double.parseDouble(sides[0].substring(0, sides[0].length() - 1)) / 100;
      mix.add(new LatencyClass(share, duration(sides[1])));
      total += share;
    }
    if (Math.abs(total - 1) > 1e-6) {
      throw new IllegalArgumentException("the shares of a latency mix add up to 100%, not " + Math.round(total * 1000) / 10.0 + "%");
    }
    return List.copyOf(mix);
  }

  private static Duration duration(String text) {
    String t = text.trim();
    if (t.endsWith("ms")) {
      return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 2)) * 1_000_000));
    }
    if (t.endsWith("s")) {
      return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1_000_000_000));
    }
    throw new IllegalArgumentException("a latency is like 20ms or 2s, not " + text);
  }

  double millis() {
    return latency.toNanos() / 1e6;
  }
}
