package io.realcast.webhooks.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.bench.model.Assumptions;
import io.realcast.webhooks.bench.model.CapacityModel;
import io.realcast.webhooks.bench.model.LatencyClass;
import io.realcast.webhooks.bench.model.Measured;
import io.realcast.webhooks.bench.model.Plan;
import io.realcast.webhooks.bench.model.Workload;
import io.realcast.webhooks.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code realcast bench model}: the capacity model of docs/CAPACITY.md. From the measured figures of a fan-out run and a
 * broker measurement, prints what each workload needs; with {@code --check}, compares its predicted p99 with a run's.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = {"Capacity model: instances, partitions, brokers, retention and expected p99 for raw event rates at a fan-out",
        "and an endpoint latency mix, from measured per-core figures (docs/CAPACITY.md). Runs nothing."})
final class ModelCommand implements Callable<Integer> {
  /** Within this much of the measured p99, the model's prediction counts as right (the 25 %). */
  static final double TOLERANCE = 0.25;

  @Option(names = "--reference", defaultValue = "docs/benchmarks/fanout.json",
      description = "A `realcast bench fanout` run: deliverer CPU per attempt, heap, latency curve (default ${DEFAULT-VALUE})")
  Path reference;

  @Option(names = "--broker", defaultValue = "docs/benchmarks/broker.json",
      description = "Broker CPU and bytes per delivery, from bench/measure-broker.sh (default ${DEFAULT-VALUE}); without it the"
          + " broker and retention rows are left out")
  Path broker;

  @Option(names = "--events", split = ",", defaultValue = "1000,10000,100000", description = "Raw events per second (default ${DEFAULT-VALUE})")
  List<Double> events;

  @Option(names = "--fan-out", defaultValue = "10", description = "Deliveries per raw event (default ${DEFAULT-VALUE})")
  int fanOut;

  @Option(names = "--mix", defaultValue = "99%:20ms,1%:2s", description = "Endpoint latency by share of deliveries (default ${DEFAULT-VALUE})")
  String mix;

  @Option(names = "--failing", defaultValue = "0", description = "Percent of deliveries whose endpoint always fails (default ${DEFAULT-VALUE})")
  double failingPercent;

  @Option(names = "--replication", defaultValue = "3", description = "Replication factor (default ${DEFAULT-VALUE})")
  int replication;

  @Option(names = "--retention-days", defaultValue = "7", description = "Retention in days (default ${DEFAULT-VALUE})")
  int retentionDays;

  @Option(names = "--check", description = "A `realcast bench` run whose latency phases the model predicts from the reference")
  Path check;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    // Without a broker measurement its figures are zero: print no broker or retention rows rather than zeros.
    Measured measured = Measured.fromRuns(read(reference), Files.exists(broker) ? read(broker) : Json.MAPPER.createObjectNode());
    if (check != null) {
      return check(out, measured, read(check));
    }
    Assumptions assumptions = Assumptions.DEFAULTS.withReplication(replication).withRetention(Duration.ofDays(retentionDays));
    List<Plan> plans = new ArrayList<>();
    for (double rate : events) {
      plans.add(CapacityModel.plan(measured, new Workload(rate, fanOut, LatencyClass.parseMix(mix), failingPercent / 100,
          4), assumptions));
    }
    out.println(table(measured, plans));
    out.flush();
    return 0;
  }

  private int check(PrintWriter out, Measured measured, JsonNode run) {
    out.println("| phase | utilization | predicted p99 ms | measured p99 ms | predicted ÷ measured | within 25 % |");
    out.println("|---|---|---|---|---|---|");
    boolean all = true;
    for (CapacityModel.Check c : CapacityModel.check(measured, run)) {
      all &= c.within(TOLERANCE);
      out.printf(Locale.ROOT, "| %s | %.2f | %.0f | %.0f | %.2f | %s |%n", c.phase(), c.utilization(), c.predictedP99Millis(),
          c.measuredP99Millis(), c.ratio(), c.within(TOLERANCE) ? "yes" : "**no**");
    }
    out.flush();
    return all ? 0 : 1;
  }

  /** The plans side by side, one column per raw event rate: the form docs/CAPACITY.md shows. */
  static String table(Measured m, List<Plan> plans) {
    StringBuilder s = new StringBuilder("| | ");
    plans.forEach(p -> s.append(String.format(Locale.ROOT, "%,.0f raw events/s | ", p.deliveriesPerSecond() / 10)));
    s.setLength(s.length() - 1);
    s.append("\n|---|").append("---|".repeat(plans.size())).append('\n');
    row(s, plans, "deliveries/s", p -> String.format(Locale.ROOT, "%,.0f", p.deliveriesPerSecond()));
    row(s, plans, "deliverers (for CPU / for requests in flight)", p -> p.deliverers() + " (" + p.deliverersForCpu() + " / "
        + p.deliverersForInFlight() + ")");
    row(s, plans, "deliverer utilization", p -> String.format(Locale.ROOT, "%.0f %%", p.utilization() * 100));
    row(s, plans, "requests in flight", p -> String.format(Locale.ROOT, "%,.0f", p.inFlight()));
    row(s, plans, "routers", p -> Integer.toString(p.routers()));
    row(s, plans, "partitions per topic", p -> Integer.toString(p.partitions()));
    boolean brokerMeasured = m.brokerCpuSecondsPerThousand() > 0;
    if (brokerMeasured) {
      row(s, plans, "broker cores (all replicas)", p -> String.format(Locale.ROOT, "%.1f", p.brokerCores()));
      row(s, plans, "brokers", p -> Integer.toString(p.brokers()));
      for (String topic : plans.get(0).retainedBytes().keySet()) {
        row(s, plans, "retained: " + topic, p -> bytes(p.retainedBytes().get(topic)));
      }
      row(s, plans, "retained in all", p -> bytes(p.totalRetainedBytes()));
    }
    row(s, plans, "p99 event → arrival", p -> millis(p.arrivalP99Millis()));
    row(s, plans, "p99 event → answer", p -> millis(p.answeredP99Millis()));
    row(s, plans, "KEDA lagThreshold per deliverer", p -> String.format(Locale.ROOT, "%,d", p.lagThreshold()));
    s.append(String.format(Locale.ROOT, "%nFrom: %,.0f deliveries per deliverer CPU-second, %,.0f per router CPU-second, ",
        m.delivererPerCpuSecond(), m.routerPerCpuSecond()));
    if (brokerMeasured) {
      s.append(String.format(Locale.ROOT, "%.3f broker CPU-seconds per 1,000 deliveries, ", m.brokerCpuSecondsPerThousand()));
    }
    s.append(String.format(Locale.ROOT, "peak deliverer heap %.0f MiB.", m.delivererPeakHeapMiB()));
    if (!brokerMeasured) {
      s.append(String.format(Locale.ROOT, "%nNo broker measurement (bench/measure-broker.sh): broker and retention rows left out, "
          + "partitions from instance counts only."));
    }
    return s.toString();
  }

  private static void row(StringBuilder s, List<Plan> plans, String name, Function<Plan, String> cell) {
    s.append("| ").append(name).append(" |");
    plans.forEach(p -> s.append(' ').append(cell.apply(p)).append(" |"));
    s.append('\n');
  }

  private static String bytes(double b) {
    return b >= 1e12 ? String.format(Locale.ROOT, "%.1f TB", b / 1e12) : String.format(Locale.ROOT, "%.0f GB", b / 1e9);
  }

  private static String millis(double ms) {
    return Double.isInfinite(ms) ? "unbounded" : String.format(Locale.ROOT, "%,.0f ms", ms);
  }

  private static JsonNode read(Path file) throws IOException {
    return Json.readTree(Files.readAllBytes(file));
  }
}
