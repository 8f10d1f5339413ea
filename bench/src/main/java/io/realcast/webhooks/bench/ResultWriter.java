package io.realcast.webhooks.bench;

import io.realcast.webhooks.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Writes {@code <label>.json}, {@code <label>.md} and {@code <label>.png} into the output directory. */
final class ResultWriter {
  private ResultWriter() {}

  static void write(BenchReport report, Path dir, String label) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(label + ".json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
    Files.writeString(dir.resolve(label + ".md"), markdown(report, label), StandardCharsets.UTF_8);
    ChartWriter.write(report, dir.resolve(label + ".png"));
  }

  static String markdown(BenchReport r, String label) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark: ").append(r.scenario()).append("\n\n");
    md.append("`").append(r.command()).append("` — ").append(r.startedAt()).append(" to ").append(r.finishedAt()).append("\n\n");
    BenchReport.Machine m = r.machine();
    md.append("Machine: ").append(m.cores()).append(" cores (").append(m.cpu()).append("), ").append(m.os()).append(", ")
        .append(m.java()).append("; load average ").append(m.loadAtStart()).append(" at start, ").append(m.loadAtEnd())
        .append(" at end.\n\n");
    BenchReport.Shape s = r.shape();
    md.append("Shape: ").append(s.apps()).append(" apps, ").append(s.subscriptions()).append(" subscriptions over ")
        .append(s.receiverPorts()).append(" receiver ports, fan-out ").append(s.fanout()).append(", ")
        .append(s.partitions()).append(" partitions, router commit interval ").append(s.routerCommitInterval())
        .append(", deliverer -Xmx").append(s.delivererHeap()).append(", retries ").append(s.retrySchedule())
        .append(", delayed endpoints answer after ").append(s.endpointDelay()).append(".\n\n");
    md.append("| phase | deliverers | offered events/s | healthy deliveries/s | × ceiling | p50 ms | p99 ms | p99.9 ms | max ms | deliverer µs CPU/attempt | same without JIT | all processes µs CPU/attempt | others' CPU share |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (BenchReport.Phase p : r.phases()) {
      if (p.kind().equals("warmup")) {
        continue;
      }
      BenchReport.Load l = p.load();
      BenchReport.Latency t = p.latency();
      BenchReport.Cpu c = p.cpu();
      boolean measured = c.delivererAttempts() > 0;
      md.append("| ").append(p.name()).append(" | ").append(p.deliverers()).append(" | ").append(Targets.f0(l.offeredEventsPerSecond()))
          .append(" | ").append(Targets.f0(l.healthyPerSecond())).append(" | ").append(Targets.f(l.ratioToCeiling()))
          .append(" | ").append(Targets.f(t.p50Millis())).append(" | ").append(Targets.f(t.p99Millis()))
          .append(" | ").append(Targets.f(t.p999Millis())).append(" | ").append(Targets.f(t.maxMillis()))
          .append(" | ").append(measured ? Targets.f(c.delivererMicrosPerAttempt()) : "–")
          .append(" | ").append(measured ? Targets.f(c.delivererMicrosPerAttemptWithoutJit()) : "–")
          .append(" | ").append(measured ? Targets.f(c.allMicrosPerAttempt()) : "–")
          .append(" | ").append(measured ? Math.round(100 * c.otherProcessesShare()) + "%" : "–").append(" |\n");
    }
    md.append("\nCapacity phases drain a backlog (latency there is queueing, not a figure of merit); latency phases are open-loop, "
        + "latency from the event's scheduled time to its arrival at the receiver.\n\n");
    byPart(md, r.phases());
    brokerRequests(md, r.phases());
    if (!r.targets().isEmpty()) {
      md.append("| target | goal | measured | met |\n|---|---|---|---|\n");
      for (BenchReport.Target t : r.targets()) {
        md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.actual()).append(" | ")
            .append(t.met() ? "yes" : "**no**").append(" |\n");
      }
      md.append('\n');
    }
    if (r.ledger() != null) {
      BenchReport.Ledger l = r.ledger();
      // Events of a lone webhook have one delivery each, so the expected count is not always events × the fan-out.
      md.append("Ledger: ").append(l.events()).append(" events, ").append(l.expected()).append(" deliveries expected")
          .append("; delivered ").append(l.delivered()).append(", dead-lettered ").append(l.deadLettered())
          .append(", both ").append(l.deliveredAndDeadLettered()).append(", missing ").append(l.missing())
          .append(", duplicates ").append(l.duplicates()).append(": ").append(l.balanced() ? "balanced" : "**VOID**").append(".\n\n");
    }
    for (BenchReport.Deliverer d : r.deliverers()) {
      md.append("Deliverer ").append(d.index()).append(": ").append(d.attempts()).append(" attempts (")
          .append(d.attemptsByOutcome()).append("), ")
          .append(Targets.f(d.cpuSeconds())).append(" s CPU, peak heap used ").append(Targets.f(d.peakHeapUsedMiB()))
          .append(" MiB (committed ").append(Targets.f(d.peakHeapCommittedMiB())).append(", live after GC ")
          .append(Targets.f(d.peakLiveAfterGcMiB())).append("). CPU seconds by thread: ");
      d.cpuSecondsByThreadGroup().entrySet().stream().limit(8)
          .forEach(e -> md.append('`').append(e.getKey()).append("` ").append(Targets.f(e.getValue())).append(", "));
      md.setLength(md.length() - 2);
      BenchReport.RetryLateness late = d.retryLateness();
      if (late.count() > 0) {
        md.append(". Retries started ").append(late.p50Millis()).append(" ms (p50) and ").append(late.p99Millis())
            .append(" ms (p99) after they were due, by its own clock (").append(late.count()).append(" retries)");
      }
      if (!d.deferralsByReason().equals("-")) {
        md.append(". Parked without an attempt: ").append(d.deferralsByReason());
      }
      md.append(".\n\n");
    }
    if (r.retries() != null && r.retries().measured() + r.retries().early() > 0) {
      BenchReport.Retries t = r.retries();
      md.append("Retries at the failing endpoints: ").append(t.measured() + t.early()).append(" measured, ").append(t.early())
          .append(" early; lateness p50 ").append(Targets.f(t.p50LatenessMillis())).append(" ms, p99 ")
          .append(Targets.f(t.p99LatenessMillis())).append(" ms, max ").append(Targets.f(t.maxLatenessMillis())).append(" ms.");
      for (BenchReport.RetryAttempt a : t.byAttempt()) {
        md.append(" Attempt ").append(a.attempt()).append(" (").append(a.measured()).append("): p50 ")
            .append(Targets.f(a.p50LatenessMillis())).append(", p99 ").append(Targets.f(a.p99LatenessMillis()))
            .append(", max ").append(Targets.f(a.maxLatenessMillis())).append(" ms.");
      }
      md.append("\n\n");
    }
    for (String note : r.notes()) {
      md.append("- ").append(note).append('\n');
    }
    md.append("\n![").append(label).append("](").append(label).append(".png)\n");
    return md.toString();
  }

  /**
   * The embedded broker's requests per 1,000 attempts by API, one row per measured phase: the APIs with at least one
   * per 1,000 in some phase, the rest together.
   */
  private static void brokerRequests(StringBuilder md, List<BenchReport.Phase> phases) {
    Set<String> apis = new TreeSet<>();
    phases.forEach(p -> p.brokerRequestsPerThousandAttempts().forEach((api, n) -> {
      if (n >= 1) {
        apis.add(api);
      }
    }));
    if (apis.isEmpty()) {
      return;
    }
    md.append("Requests the broker answered per 1,000 attempts, by API (its own request meters):\n\n")
        .append("| phase | all | ").append(String.join(" | ", apis)).append(" | other |\n|---|---|")
        .append("---|".repeat(apis.size() + 1)).append('\n');
    for (BenchReport.Phase p : phases) {
      Map<String, Double> byApi = p.brokerRequestsPerThousandAttempts();
      if (byApi.isEmpty() || p.cpu().delivererAttempts() == 0) {
        continue;
      }
      double all = byApi.values().stream().mapToDouble(Double::doubleValue).sum();
      md.append("| ").append(p.name()).append(" | ").append(Targets.f(all));
      for (String api : apis) {
        md.append(" | ").append(Targets.f(byApi.getOrDefault(api, 0.0)));
      }
      double other = byApi.entrySet().stream().filter(e -> !apis.contains(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
      md.append(" | ").append(Targets.f(other)).append(" |\n");
    }
    md.append('\n');
  }

  /** The bench JVM's CPU per delivery attempt by part, one row per measured phase. */
  private static void byPart(StringBuilder md, List<BenchReport.Phase> phases) {
    Set<String> parts = new TreeSet<>();
    phases.forEach(p -> parts.addAll(p.cpu().benchMicrosPerAttemptByPart().keySet()));
    if (parts.isEmpty()) {
      return;
    }
    md.append("The bench JVM's share of \"all processes\", µs CPU per attempt by part (the deliverer is its own process):\n\n")
        .append("| phase | deliverer | ").append(String.join(" | ", parts)).append(" |\n|---|---|")
        .append("---|".repeat(parts.size())).append('\n');
    for (BenchReport.Phase p : phases) {
      BenchReport.Cpu c = p.cpu();
      if (c.delivererAttempts() == 0) {
        continue;
      }
      md.append("| ").append(p.name()).append(" | ").append(Targets.f(c.delivererMicrosPerAttempt()));
      for (String part : parts) {
        md.append(" | ").append(Targets.f(c.benchMicrosPerAttemptByPart().getOrDefault(part, 0.0)));
      }
      md.append(" |\n");
    }
    md.append('\n');
  }
}
