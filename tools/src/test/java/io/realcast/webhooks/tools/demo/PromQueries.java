package io.realcast.webhooks.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.tools.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Instant queries against a test's Prometheus. */
final class PromQueries {
  private PromQueries() {}

  /** The samples of an instant query that carry a number (NaN, e.g. a quantile of nothing, is no data). */
  static List<JsonNode> query(TestHttp http, int port, String promql) throws Exception {
    TestHttp.Response r = http.get(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonNode body = r.json();
    if (r.status() != 200 || !"success".equals(body.path("status").asText())) {
      throw new AssertionError("query failed: " + promql + " -> " + r.status() + " " + r.body());
    }
    List<JsonNode> samples = new ArrayList<>();
    for (JsonNode sample : body.path("data").path("result")) {
      String value = sample.path("value").path(1).asText();
      if (!value.equals("NaN")) {
        samples.add(sample);
      }
    }
    return samples;
  }

  /** Polls every query until each has returned data once; returns those that never did (name → query). */
  static Map<String, String> awaitData(TestHttp http, int port, Map<String, String> queries, Duration timeout) throws Exception {
    Map<String, String> pending = new LinkedHashMap<>(queries);
    Instant deadline = Instant.now().plus(timeout);
    while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        if (!query(http, port, it.next().getValue()).isEmpty()) {
          it.remove();
        }
      }
      if (!pending.isEmpty()) {
        Thread.sleep(1000); // Prometheus scrapes every second in these tests
      }
    }
    return pending;
  }
}
