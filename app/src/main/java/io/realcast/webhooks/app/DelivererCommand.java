package io.realcast.webhooks.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.metrics.Registries;
import io.realcast.webhooks.tracing.TracingSetup;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code realcast deliverer}: one member of the deliverer consumer group, until SIGTERM. */
@Command(name = "deliverer", mixinStandardHelpOptions = true,
    description = "Sign and POST deliveries with retries and dead letters; start more instances to scale out.")
final class DelivererCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    DelivererConfig config = DelivererConfig.read(ConfigSource.fromEnvironment());
    PrometheusMeterRegistry registry = Registries.prometheus("deliverer");
    // Traces only when OTEL_* variables ask for them (docs/OPERATIONS.md, "Trace it"); the deliverer closes them.
    DelivererService deliverer = new DelivererService(config, registry, Clock.systemUTC(), null,
        TracingSetup.fromEnvironment("realcast-deliverer"));
    // Closing on SIGTERM finishes attempts in flight, commits what is durable and leaves the group.
    return ServiceRunner.run(
        new ServiceRunner.Service("deliverer", deliverer::start, deliverer::isHealthy,
            () -> !deliverer.isHealthy(), deliverer),
        Optional.of(new ServiceRunner.Ops("0.0.0.0", config.metricsPort(), registry)));
  }
}
