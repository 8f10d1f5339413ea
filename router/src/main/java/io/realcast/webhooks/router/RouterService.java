package io.realcast.webhooks.router;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.realcast.webhooks.router.internal.CommitPacers;
import io.realcast.webhooks.router.internal.PacedClientSupplier;
import io.realcast.webhooks.router.internal.RestoreCounter;
import io.realcast.webhooks.router.internal.StreamsProperties;
import io.realcast.webhooks.router.invalid.InvalidWriteFailures;
import io.realcast.webhooks.tracing.Tracing;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router as a service: one Kafka Streams instance running {@link RouterTopology}. */
public final class RouterService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RouterService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final RouterConfig config;
  private final MeterRegistry registry;
  private final RouterMetrics metrics;
  private final Clock clock;
  private final Tracing tracing;
  private KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;

  public RouterService(RouterConfig config, MeterRegistry registry, Clock clock) {
    this(config, registry, clock, Tracing.off());
  }

  /** @param tracing spans per routed event and delivery when on; closed (flushed) by {@link #close()} */
  public RouterService(RouterConfig config, MeterRegistry registry, Clock clock, Tracing tracing) {
    this.config = config;
    this.registry = registry;
    this.metrics = new RouterMetrics(registry);
    this.clock = clock;
    this.tracing = tracing;
  }

  public synchronized void start() {
    if (streams != null) {
      throw new IllegalStateException("already started");
    }
    InvalidWriteFailures invalidWrites = new InvalidWriteFailures();
    CommitPacers pacers = new CommitPacers(config.commits());
    Topology topology = RouterTopology.build(config, metrics, invalidWrites, clock, tracing, pacers);
    LOG.debug("Router topology:\n{}", topology.describe());
    streams = new KafkaStreams(topology, StreamsProperties.of(config, metrics, invalidWrites),
        new PacedClientSupplier(pacers));
    streams.setUncaughtExceptionHandler(e -> {
      // Under exactly-once the failed thread's transaction is aborted; a new thread picks up where it committed.
      LOG.error("Router stream thread failed; replacing it", e);
      metrics.handlerError(RouterMetrics.Stage.UNCAUGHT);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> LOG.info("Router {} -> {}", before, now));
    streams.setGlobalStateRestoreListener(new RestoreCounter(metrics));
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.start();
    LOG.info("Router started: application id {}, {} thread(s), events from {}, viewer counts every {}, {}",
        config.applicationId(), config.streamThreads(), config.kafka().topics().events(), config.viewerCountInterval(),
        config.events());
  }

  /** Running or rebalancing; false before start, after close, and when Kafka Streams gave up. */
  public synchronized boolean isHealthy() {
    return streams != null && (streams.state() == KafkaStreams.State.RUNNING || streams.state() == KafkaStreams.State.REBALANCING);
  }

  public synchronized KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  @Override
  public synchronized void close() {
    if (streams == null) {
      tracing.close();
      return;
    }
    LOG.info("Router stopping");
    // Leave the group: the next instance (or this one restarted) gets the tasks at once, not after the session timeout.
    streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    streams = null;
    tracing.close();
    LOG.info("Router stopped");
  }
}
