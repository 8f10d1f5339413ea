package io.realcast.webhooks.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.api.ApiConfig;
import io.realcast.webhooks.api.ApiService;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.metrics.Registries;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code realcast api}: the REST API and dashboard, with /metrics and /health on the same port, until SIGTERM. */
@Command(name = "api", mixinStandardHelpOptions = true,
    description = "Serve the management REST API (/v1), the dashboard (/), /metrics and /health on REALCAST_API_PORT.")
final class ApiCommand implements java.util.concurrent.Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    ApiConfig config = ApiConfig.read(ConfigSource.fromEnvironment());
    PrometheusMeterRegistry registry = Registries.prometheus("api");
    ApiService service = new ApiService(config, registry, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "api-shutdown"));
    service.start();
    while (!stopped.await(5, TimeUnit.SECONDS)) {
      if (!service.isHealthy()) {
        System.err.println("api: unhealthy (a Kafka view stopped), exiting");
        return 1;
      }
    }
    return 0;
  }
}
