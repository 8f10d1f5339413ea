package io.realcast.webhooks.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.metrics.Registries;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.RouterService;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code realcast router}: one Kafka Streams instance of the router, until SIGTERM or Ctrl-C. */
@Command(name = "router", mixinStandardHelpOptions = true,
    description = "Route raw events to one delivery per matching subscription (exactly-once); start more to scale out.")
final class RouterCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    RouterConfig config = RouterConfig.read(ConfigSource.fromEnvironment());
    PrometheusMeterRegistry registry = Registries.prometheus("router");
    RouterService service = new RouterService(config, registry, Clock.systemUTC());
    Vertx opsVertx = Vertx.vertx();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // SIGTERM: commit the open transaction and leave the group, so another instance takes over at once.
      service.close();
      opsVertx.close();
      stopped.countDown();
    }, "router-shutdown"));
    service.start();
    OpsServer.start(opsVertx, config.metricsHost(), config.metricsPort(), registry, service::isHealthy);
    while (!stopped.await(5, TimeUnit.SECONDS)) {
      if (service.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR) {
        System.err.println("router: Kafka Streams is in ERROR state, exiting");
        return 1;
      }
    }
    return 0;
  }
}
