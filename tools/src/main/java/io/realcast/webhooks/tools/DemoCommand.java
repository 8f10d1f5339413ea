package io.realcast.webhooks.tools;

import io.realcast.webhooks.app.ExitCodes;
import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.lifecycle.Closer;
import io.realcast.webhooks.tools.demo.Demo;
import io.realcast.webhooks.tools.demo.DemoConsole;
import io.realcast.webhooks.tools.demo.DemoLogging;
import io.realcast.webhooks.tools.demo.DemoOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code realcast demo}: everything in one JVM, with a receiver, a demo webhook and a simulator, until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole system in one JVM: embedded Kafka, router, deliverer, API and dashboard, a receiver that",
        "verifies signatures like the Express receiver of docs/RECEIVING.md, a demo app and webhook, and a simulator.",
        "Data is kept in REALCAST_DATA_DIR (default ./.realcast/demo) for the next start."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--no-simulator", description = "Start everything but the simulator.")
  boolean noSimulator;

  @Option(names = "--webhook-url", paramLabel = "URL", description = "Point the demo webhook at URL instead of the demo receiver.")
  String webhookUrl;

  @Option(names = "--kafka-port", description = "Port of the embedded broker on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int kafkaPort = DemoOptions.DEFAULT_KAFKA_PORT;

  @Option(names = "--api-port", description = "Port of the API and dashboard (default: REALCAST_API_PORT or 8080).")
  Integer apiPort;

  @Option(names = "--receiver-port", description = "Port of the demo receiver (default: ${DEFAULT-VALUE}).")
  int receiverPort = DemoOptions.DEFAULT_RECEIVER_PORT;

  @Option(names = "--router-metrics-port", description = "Port of the router's /metrics and /health (default: its configured port).")
  Integer routerMetricsPort;

  @Option(names = "--deliverer-metrics-port", description = "Port of the deliverer's /metrics and /health (default: its configured port).")
  Integer delivererMetricsPort;

  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

  @Override
  public Integer call() throws Exception {
    DemoOptions options = new DemoOptions(kafkaPort, Optional.ofNullable(apiPort), receiverPort,
        Optional.ofNullable(routerMetricsPort), Optional.ofNullable(delivererMetricsPort), !noSimulator,
        Optional.ofNullable(webhookUrl));
    ConfigSource source = ConfigSource.fromEnvironment();
    DemoConsole console = DemoConsole.forTerminal(System.out);
    console.starting(DemoLogging.toFileUnderDataDir(source));
    Demo demo = Demo.create(options, source, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    // Wired before anything starts, so Ctrl-C in the first seconds stops what has started, within Demo.STOP_WITHIN.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      console.stopping();
      demo.close();
      stopped.countDown();
    }, "demo-shutdown"));
    try {
      demo.start();
    } catch (Closer.ClosedException e) {
      return ExitCodes.OK; // stopped while starting
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return ExitCodes.CONFIG;
    } catch (RuntimeException e) {
      if (demo.isStopping()) {
        return ExitCodes.OK; // a part failed because the stop closed what it used
      }
      // A port in use, an API refusing --webhook-url, a broker that would not start: say what, not a stack trace.
      System.err.println("realcast demo: could not start: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    console.banner(demo);
    while (!stopped.await(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
      if (!console.isStopping()) {
        console.progress(demo.progress());
      }
    }
    return ExitCodes.OK;
  }
}
