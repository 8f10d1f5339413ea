package io.realcast.webhooks.tools.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the demo prints: the URLs and keys once, then the progress line — rewritten in place on a terminal,
 * one line every few refreshes when the output is a file or a pipe.
 */
public final class DemoConsole {
  private static final int PIPE_EVERY = 5;

  private final PrintStream out;
  private final boolean terminal;
  private int refreshes;
  private volatile boolean stopping;

  private DemoConsole(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  public static DemoConsole forTerminal(PrintStream out) {
    return new DemoConsole(out, System.console() != null);
  }

  public static DemoConsole forPipe(PrintStream out) {
    return new DemoConsole(out, false);
  }

  public void starting(Optional<Path> logFile) {
    out.println("realcast demo: starting Kafka, router, deliverer and API…"
        + logFile.map(f -> " (logs: " + f + ")").orElse(""));
  }

  public boolean isStopping() {
    return stopping;
  }

  public void banner(Demo demo) {
    DemoEndpoints e = demo.endpoints();
    DemoSetup.Registered r = demo.registered();
    out.println();
    out.println("RealCast demo is running.");
    out.println("  Dashboard and API  " + e.dashboard());
    out.println("  Admin key          " + demo.adminKey().value()
        + demo.adminKey().generatedIn().map(p -> "   (generated; kept in " + p + ")").orElse("   (REALCAST_ADMIN_KEY)"));
    out.println("  Demo receiver      " + e.receiverUrl() + "   stats: " + e.receiverStats());
    out.println("  Demo app           " + r.appId() + "   webhook " + r.webhookId() + ", flaky webhook " + r.flakyWebhookId());
    out.println("  Metrics            router " + e.metrics(e.routerMetricsPort()) + "   deliverer "
        + e.metrics(e.delivererMetricsPort()) + "   api " + e.metrics(e.apiPort()));
    out.println("  Kafka              " + e.kafkaBootstrap() + "   data: " + demo.dataDir());
    out.println("Ctrl-C stops the demo; its data is kept for the next start.");
    out.println();
  }

  public void progress(ProgressReading reading) {
    if (terminal) {
      out.print("\r" + reading.line() + "   ");
      out.flush();
    } else if (refreshes++ % PIPE_EVERY == 0) {
      out.println(reading.line());
    }
  }

  public void stopping() {
    stopping = true;
    out.println();
    out.println("realcast demo: stopping (data kept)…");
  }
}
