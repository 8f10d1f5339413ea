package io.realcast.webhooks.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.producer.ProducerConfig;
import io.realcast.webhooks.producer.RealcastProducer;
import io.realcast.webhooks.producer.Simulator;
import io.realcast.webhooks.producer.SimulatorConfig;
import io.realcast.webhooks.tracing.Tracing;
import io.realcast.webhooks.tracing.TracingSetup;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code realcast simulate}: realistic raw-event load from simulated live streams, then a clean end. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Publish realistic load: live streams across apps, viewers joining and leaving, chat bursts, errors, recordings.",
        "Stops after --duration (or --count events, or Ctrl-C), then ends every stream still live."})
final class SimulateCommand implements Callable<Integer> {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--rate", paramLabel = "EVENTS_PER_S", defaultValue = "50", description = "Target events per second (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long to run, like 30s, 5m, 2h (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N paced events (default: no limit)")
  long count;

  @Option(names = "--streams", paramLabel = "N", defaultValue = "10", description = "Concurrent live streams (default: ${DEFAULT-VALUE})")
  int streams;

  @Option(names = "--apps", paramLabel = "M", defaultValue = "3", description = "Apps app_sim1..app_simM owning the streams (default: ${DEFAULT-VALUE})")
  int apps;

  @Option(names = "--app", paramLabel = "APP_ID", description = "Use these app ids instead of app_sim1..M (repeatable)")
  List<String> appIds;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the simulation: the same seed gives the same events (default: random, printed)")
  Long seed;

  private final ConfigSource source;

  SimulateCommand() {
    this(ConfigSource.fromEnvironment());
  }

  SimulateCommand(ConfigSource source) {
    this.source = source;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProducerConfig producerConfig;
    SimulatorConfig config;
    try {
      producerConfig = ProducerConfig.read(source.with(kafka.asEnvironment()));
      List<AppId> owners = appIds == null || appIds.isEmpty()
          ? SimulatorConfig.simulatedApps(apps) : appIds.stream().map(AppId::of).toList();
      config = new SimulatorConfig(owners, streams, rate, duration, count, seed != null ? seed : new SecureRandom().nextLong());
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("realcast simulate: " + e.getMessage());
      return ExitCodes.CONFIG;
    }
    out.printf("Simulating %d streams across %s at %s events/s for %s (seed %d) into %s%n", config.streams(), config.apps(),
        config.eventsPerSecond(), config.duration(), config.seed(), producerConfig.kafka().topics().events());
    out.flush();
    Simulator.Result result = run(config, producerConfig, out);
    out.printf("Simulated %d events in %.1f s: published %d, failed %d%n", result.sent(), result.elapsed().toMillis() / 1000.0,
        result.published(), result.failed());
    if (result.failed() > 0) {
      err.println("realcast simulate: " + result.failed() + " events were not published; is Kafka reachable and do the topics exist (realcast topics)?");
    }
    return result.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private Simulator.Result run(SimulatorConfig config, ProducerConfig producerConfig, PrintWriter out) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    CountDownLatch finished = new CountDownLatch(1);
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "simulate-progress");
      t.setDaemon(true);
      return t;
    });
    try (Tracing tracing = TracingSetup.fromEnvironment("realcast-simulate");
        RealcastProducer producer = new RealcastProducer(producerConfig, new SimpleMeterRegistry(), clock, tracing)) {
      Simulator simulator = new Simulator(config, producer::publish, clock, Simulator.Pacer.sleeping(clock));
      Thread onSignal = new Thread(() -> {
        // Ctrl-C or SIGTERM: end the streams cleanly and let the last events reach Kafka.
        simulator.stop();
        awaitQuietly(finished);
      }, "simulate-shutdown");
      Runtime.getRuntime().addShutdownHook(onSignal);
      progress.scheduleAtFixedRate(() -> {
        out.printf("sent %d, published %d, failed %d%n", simulator.sent(), simulator.published(), simulator.failed());
        out.flush();
      }, PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      try {
        return simulator.run();
      } finally {
        removeQuietly(onSignal);
      }
    } finally {
      progress.shutdownNow();
      finished.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch finished) {
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeQuietly(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it is what stopped the simulation.
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601, as in configuration. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Setting<Duration> FORMAT = Setting.duration("simulate.duration", "60s", "");

    @Override
    public Duration convert(String value) {
      return FORMAT.parser().apply(value);
    }
  }
}
