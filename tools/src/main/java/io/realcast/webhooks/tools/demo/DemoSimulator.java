package io.realcast.webhooks.tools.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.producer.ProducerConfig;
import io.realcast.webhooks.producer.RealcastProducer;
import io.realcast.webhooks.producer.Simulator;
import io.realcast.webhooks.producer.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer module's simulator, publishing the demo app's live streams through {@link RealcastProducer}
 * on a thread of its own until the demo stops; then it ends its streams (stream.offline) and flushes.
 */
final class DemoSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSimulator.class);
  static final int STREAMS = 4;
  static final double EVENTS_PER_SECOND = 10;
  private static final Duration FOREVER = Duration.ofDays(3650);

  private final RealcastProducer producer;
  private final Simulator simulator;
  private final Thread thread;

  private DemoSimulator(RealcastProducer producer, Simulator simulator) {
    this.producer = producer;
    this.simulator = simulator;
    this.thread = new Thread(this::run, "demo-simulator");
    this.thread.setDaemon(true);
  }

  static DemoSimulator start(ConfigSource services, AppId app, MeterRegistry registry, Clock clock) {
    RealcastProducer producer = new RealcastProducer(ProducerConfig.read(services), registry, clock);
    SimulatorConfig config = new SimulatorConfig(List.of(app), STREAMS, EVENTS_PER_SECOND, FOREVER, 0, clock.millis());
    DemoSimulator demo = new DemoSimulator(producer, new Simulator(config, producer::publish, clock, Simulator.Pacer.sleeping(clock)));
    demo.thread.start();
    return demo;
  }

  private void run() {
    try {
      simulator.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Demo simulator stopped", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    simulator.stop();
    thread.join(Duration.ofSeconds(30).toMillis());
    producer.close();
  }
}
