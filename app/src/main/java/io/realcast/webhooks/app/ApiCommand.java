package io.realcast.webhooks.app;

import io.realcast.webhooks.api.ApiConfig;
import io.realcast.webhooks.api.ApiService;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.metrics.Registries;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code realcast api}: the REST API and dashboard, with /metrics and /health on the same port, until SIGTERM. */
@Command(name = "api", mixinStandardHelpOptions = true,
    description = "Serve the management REST API (/v1), the dashboard (/), /metrics and /health on REALCAST_API_PORT.")
final class ApiCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    ApiConfig config = ApiConfig.read(ConfigSource.fromEnvironment());
    ApiService api = new ApiService(config, Registries.prometheus("api"), Clock.systemUTC());
    // The API serves /metrics and /health on its own port, so no separate ops server.
    return ServiceRunner.run(
        new ServiceRunner.Service("api", api::start, api::isHealthy, () -> !api.isHealthy(), api), Optional.empty());
  }
}
