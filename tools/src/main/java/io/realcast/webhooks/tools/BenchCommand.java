package io.realcast.webhooks.tools;

import io.realcast.webhooks.bench.BenchOptions;
import io.realcast.webhooks.bench.BenchReport;
import io.realcast.webhooks.bench.BenchRunner;
import io.realcast.webhooks.bench.ReportSummary;
import io.realcast.webhooks.bench.Scenario;
import io.realcast.webhooks.router.commit.CommitPace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code realcast bench <scenario>}: measures the pipeline against the raw-HTTP ceiling of the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = ModelCommand.class,
    description = {"Benchmark on 127.0.0.1: ceiling, fanout, noisy, scale or single. Starts a broker, the router, deliverer JVMs,",
        "Vert.x receivers and an open-loop load generator; writes JSON, Markdown and PNG under --out."})
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", description = "ceiling, fanout, noisy, scale or single (or the subcommand model)")
  Scenario scenario;

  @Option(names = "--duration", converter = DurationConverter.class, description = "Length of each open-loop latency phase (default 20s)")
  Duration duration;

  @Option(names = "--warmup", converter = DurationConverter.class, description = "Warm-up before measuring (default 10s)")
  Duration warmup;

  @Option(names = "--burst", converter = DurationConverter.class,
      description = "Capacity backlog, sized to last about this long at 0.3 × ceiling (default 10s)")
  Duration burst;

  @Option(names = "--ceiling-duration", converter = DurationConverter.class, description = "Measured window of the ceiling (default 10s)")
  Duration ceilingDuration;

  @Option(names = "--drain-timeout", converter = DurationConverter.class, description = "Longest wait for the closing ledger (default 90s)")
  Duration drainTimeout;

  @Option(names = "--apps", defaultValue = "100", description = "Apps (default ${DEFAULT-VALUE})")
  int apps;

  @Option(names = "--subscriptions-per-app", defaultValue = "10", description = "Fan-out of each event (default ${DEFAULT-VALUE})")
  int subsPerApp;

  @Option(names = "--ports", defaultValue = "100", description = "Receiver ports (default ${DEFAULT-VALUE})")
  int ports;

  @Option(names = "--partitions", defaultValue = "12", description = "Partitions per topic (default ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--router-commit-interval", converter = DurationConverter.class,
      description = "Router transaction commit interval while it keeps up (default: the router's, 10ms)")
  Duration routerCommitInterval;

  @Option(names = "--router-commit-interval-max", converter = DurationConverter.class,
      description = "Longest router commit interval when its input is late (default: the router's, 100ms; "
          + "equal to --router-commit-interval for a fixed interval)")
  Duration routerCommitIntervalMax;

  @Option(names = "--endpoint-delay", converter = DurationConverter.class,
      description = "How long the single scenario's delayed receiver waits before answering (default 50ms)")
  Duration endpointDelay;

  @Option(names = "--deliverer-heap", defaultValue = "256m", description = "-Xmx of each deliverer JVM (default ${DEFAULT-VALUE})")
  String delivererHeap;

  @Option(names = "--profile", description = "Record a JFR profile of each deliverer JVM next to the results")
  boolean profile;

  @Option(names = "--bootstrap", description = "Use this Kafka instead of starting an embedded broker")
  String bootstrap;

  @Option(names = "--out", defaultValue = "docs/benchmarks", description = "Output directory (default ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--label", description = "File name of the results (default: the scenario)")
  String label;

  @Option(names = "--load-fraction", description = "Load of the latency phase as a share of the measured capacity (default 0.8)")
  Double loadFraction;

  @Option(names = "--latency-rate", description = "Healthy deliveries/s of the steady latency phase, instead of "
      + "--load-fraction of the measured capacity: compares two runs at the same load")
  Double latencyRate;

  @Option(names = "--tracing", description = "Traces on in every service (OTLP to a sink in the bench JVM, every trace sampled)")
  boolean tracing;

  @Override
  public Integer call() throws Exception {
    if (scenario == null) {
      spec.commandLine().usage(System.err);
      return 2;
    }
    // Kafka's INFO lines would bury the run's own; set before the first logger exists.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.io.realcast.webhooks.bench", "info");
    BenchOptions defaults = BenchOptions.defaults(scenario);
    BenchOptions options = defaults
        .withTimes(or(duration, defaults.steady()), or(warmup, defaults.warmup()), or(burst, defaults.burst()),
            or(ceilingDuration, defaults.ceilingDuration()), or(drainTimeout, defaults.drainTimeout()))
        .withShape(apps, subsPerApp, ports, partitions)
        .withRun(Optional.ofNullable(bootstrap), CommitPace.upTo(or(routerCommitInterval, defaults.routerCommits().floor()),
            or(routerCommitIntervalMax, defaults.routerCommits().ceiling())), delivererHeap,
            profile, out, label != null ? label : defaults.label(), commandLine())
        .withEndpointDelay(or(endpointDelay, defaults.endpointDelay()))
        .withLoadFraction(or(loadFraction, defaults.loadFraction()))
        .withLatencyRate(latencyRate != null ? OptionalDouble.of(latencyRate) : OptionalDouble.empty())
        .withTracing(tracing);
    BenchReport report = new BenchRunner(options, Clock.systemUTC()).run();
    System.out.println(ReportSummary.text(report));
    System.out.println("Results: " + out.resolve(options.label() + ".{json,md,png}"));
    return report.ledger() == null || report.ledger().balanced() ? 0 : 2;
  }

  private String commandLine() {
    return "./realcast " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** {@code 500ms}, {@code 20s}, {@code 2m}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        default -> throw new IllegalArgumentException("a duration is like 500ms, 20s or 2m");
      };
    }
  }
}
