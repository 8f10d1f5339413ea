package io.realcast.webhooks.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.metrics.Registries;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.RouterService;
import io.realcast.webhooks.tracing.TracingSetup;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;

/** {@code realcast router}: one Kafka Streams instance of the router, until SIGTERM or Ctrl-C. */
@Command(name = "router", mixinStandardHelpOptions = true,
    description = "Route raw events to one delivery per matching subscription (exactly-once); start more to scale out.")
final class RouterCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    RouterConfig config = RouterConfig.read(ConfigSource.fromEnvironment());
    PrometheusMeterRegistry registry = Registries.prometheus("router");
    // Traces only when OTEL_* variables ask for them (docs/OPERATIONS.md, "Trace it"); the router closes them.
    RouterService router = new RouterService(config, registry, Clock.systemUTC(), TracingSetup.fromEnvironment("realcast-router"));
    // Closing on SIGTERM commits the open transaction and leaves the group, so another instance takes over at once.
    return ServiceRunner.run(
        new ServiceRunner.Service("router", router::start, router::isHealthy,
            () -> router.state() == KafkaStreams.State.ERROR, router),
        Optional.of(new ServiceRunner.Ops(config.metricsHost(), config.metricsPort(), registry)));
  }
}
