package io.realcast.webhooks.bench;

/** The few lines a person reads on the terminal after a run. */
public final class ReportSummary {
  private ReportSummary() {}

  public static String text(BenchReport r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(java.util.Locale.ROOT, "ceiling: %.0f requests/s (p99 %.2f ms)%n",
        r.ceiling().requestsPerSecond(), r.ceiling().p99Millis()));
    for (BenchReport.Phase p : r.phases()) {
      if (p.kind().equals("capacity") || p.kind().equals("latency")) {
        out.append(String.format(java.util.Locale.ROOT,
            "%-24s %8.0f healthy/s = %.2f × ceiling; p50 %.1f ms, p99 %.1f ms; deliverer %.1f µs CPU/attempt (%.1f without JIT)%n",
            p.name(), p.load().healthyPerSecond(), p.load().ratioToCeiling(), p.latency().p50Millis(), p.latency().p99Millis(),
            p.cpu().delivererMicrosPerAttempt(), p.cpu().delivererMicrosPerAttemptWithoutJit()));
      }
    }
    for (BenchReport.Target t : r.targets()) {
      out.append(String.format("%-4s %s: %s (goal %s)%n", t.met() ? "ok" : "MISS", t.name(), t.actual(), t.goal()));
    }
    r.notes().forEach(n -> out.append("note: ").append(n).append(System.lineSeparator()));
    return out.toString();
  }
}
