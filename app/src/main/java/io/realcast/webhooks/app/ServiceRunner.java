package io.realcast.webhooks.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.metrics.OpsServer;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one long-lived service (router, deliverer, api) until SIGTERM or Ctrl-C: starts it, serves
 * {@code /metrics} and {@code /health} if asked, closes it from a shutdown hook so it can commit and leave
 * its group, and exits non-zero if it fails on its own so the orchestrator restarts it.
 */
final class ServiceRunner {
  /** What {@link #run} drives; each service class provides these as method references. */
  record Service(String name, Startable start, BooleanSupplier healthy, BooleanSupplier failed, AutoCloseable stop) {}

  /** Where to serve {@code /metrics} and {@code /health}, for services that do not serve them themselves. */
  record Ops(String host, int port, PrometheusMeterRegistry registry) {}

  @FunctionalInterface
  interface Startable {
    void start() throws Exception;
  }

  private ServiceRunner() {}

  static int run(Service service, Optional<Ops> ops) throws Exception {
    Vertx opsVertx = ops.isPresent() ? Vertx.vertx() : null;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.stop().close();
      } catch (Exception e) {
        System.err.println(service.name() + ": error while stopping: " + e);
      }
      if (opsVertx != null) {
        opsVertx.close();
      }
      stopped.countDown();
    }, service.name() + "-shutdown"));
    service.start().start();
    if (ops.isPresent()) {
      Ops o = ops.get();
      OpsServer.start(opsVertx, o.host(), o.port(), o.registry(), service.healthy());
    }
    while (!stopped.await(5, TimeUnit.SECONDS)) {
      if (service.failed().getAsBoolean()) {
        System.err.println(service.name() + ": failed (see the log above), exiting so it can be restarted");
        return ExitCodes.FAILED;
      }
    }
    return ExitCodes.OK;
  }
}
