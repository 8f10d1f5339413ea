package io.realcast.webhooks.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.metrics.Registries;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code realcast deliverer}: one member of the deliverer consumer group, until SIGTERM. */
@Command(name = "deliverer", mixinStandardHelpOptions = true,
    description = "Sign and POST deliveries with retries and dead letters; start more instances to scale out.")
final class DelivererCommand implements java.util.concurrent.Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    DelivererConfig config = DelivererConfig.read(ConfigSource.fromEnvironment());
    PrometheusMeterRegistry registry = Registries.prometheus("deliverer");
    DelivererService service = new DelivererService(config, registry, Clock.systemUTC());
    Vertx opsVertx = Vertx.vertx();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // SIGTERM: finish attempts in flight, commit what is durable, leave the group.
      service.close();
      opsVertx.close();
      stopped.countDown();
    }, "deliverer-shutdown"));
    service.start();
    OpsServer.start(opsVertx, "0.0.0.0", config.metricsPort(), registry, service::isHealthy);
    while (!stopped.await(5, TimeUnit.SECONDS)) {
      if (!service.isHealthy()) {
        System.err.println("deliverer: unhealthy (poll loop or subscription view stopped), exiting");
        return 1;
      }
    }
    return 0;
  }
}
