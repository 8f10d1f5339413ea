package io.realcast.webhooks.kafka.embedded;

import com.yammer.metrics.core.Meter;
import com.yammer.metrics.core.Metric;
import com.yammer.metrics.core.MetricName;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;

/**
 * Requests the brokers in this JVM have answered so far, by API ({@code Produce}, {@code Fetch}, {@code EndTxn}, …),
 * from the broker's own request meters. A broker's cost under steady load is largely per request, so this is what
 * tells a pipeline that batches well from one that does not. The meters are per JVM: with two brokers in one process,
 * these are both together; with none, the map is empty.
 */
public final class BrokerRequests {
  private static final Pattern API = Pattern.compile("request=([A-Za-z]+)");
  /** Subsets of {@code Fetch}, which counts them all. */
  private static final Set<String> SUBSETS = Set.of("FetchConsumer", "FetchFollower");

  private BrokerRequests() {}

  public static Map<String, Long> answeredSoFar() {
    Map<String, Long> counts = new TreeMap<>();
    for (Map.Entry<MetricName, Metric> e : KafkaYammerMetrics.defaultRegistry().allMetrics().entrySet()) {
      MetricName name = e.getKey();
      if (!"RequestMetrics".equals(name.getType()) || !"RequestsPerSec".equals(name.getName())
          || !(e.getValue() instanceof Meter meter)) {
        continue;
      }
      Matcher api = API.matcher(name.getMBeanName());
      if (api.find() && !SUBSETS.contains(api.group(1))) {
        counts.merge(api.group(1), meter.count(), Long::sum);
      }
    }
    return counts;
  }
}
