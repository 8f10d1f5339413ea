package io.realcast.webhooks.api.history.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.realcast.webhooks.api.history.HistoryConfig;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.topic.RecordLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The history's Kafka Streams instance in this api: properties built in one place, start, state, close. */
public final class HistoryStreams implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryStreams.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final HistoryConfig config;
  private final KafkaSettings kafka;
  private final HistoryWiring wiring;
  private final MeterRegistry registry;
  private KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;
  private HostInfo self;

  public HistoryStreams(HistoryConfig config, KafkaSettings kafka, HistoryWiring wiring, MeterRegistry registry) {
    this.config = config;
    this.kafka = kafka;
    this.wiring = wiring;
    this.registry = registry;
  }

  /** Starts processing; {@code self} is where other api instances reach this one's partitions. */
  public synchronized void start(HostInfo self) {
    this.self = self;
    streams = new KafkaStreams(HistoryTopology.build(wiring), properties(self));
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("History stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> LOG.info("History {} -> {}", before, now));
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.start();
    LOG.info("History started: application id {}, state in {}, serving as {}:{}", config.applicationId(), config.stateDir(),
        self.host(), self.port());
  }

  Properties properties(HostInfo self) {
    Map<String, Object> p = new HashMap<>();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    // Every change is idempotent (see DeliveryHistory): at-least-once is exact here and keeps restarts cheap.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 5_000);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replication());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
    // The three topics' records are applied in any order (each change carries its own time): never wait for one.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, UsePartitionTimeOnInvalidTimestamp.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class);
    // The router writes deliveries in transactions: an aborted one must never show up as a delivery.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2_000);
    // The record-size contract (RecordLimits) holds for the changelogs Kafka Streams creates as for our topics.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), RecordLimits.MAX_REQUEST_BYTES);
    p.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), Integer.toString(RecordLimits.MAX_MESSAGE_BYTES));
    p.putAll(kafka.clientOverrides());
    Properties properties = new Properties();
    properties.putAll(p);
    return properties;
  }

  /** The running instance (for queries), or null before start. */
  public synchronized KafkaStreams streams() {
    return streams;
  }

  public synchronized HostInfo self() {
    return self;
  }

  /** Every local partition restored and processing: searches can be answered. */
  public synchronized boolean isReady() {
    return streams != null && streams.state() == KafkaStreams.State.RUNNING;
  }

  /** Starting, restoring, rebalancing or running; false once Kafka Streams gave up or was closed. */
  public synchronized boolean isHealthy() {
    if (streams == null) {
      return false;
    }
    KafkaStreams.State s = streams.state();
    return s == KafkaStreams.State.CREATED || s == KafkaStreams.State.REBALANCING || s == KafkaStreams.State.RUNNING;
  }

  public synchronized KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  @Override
  public synchronized void close() {
    if (streams == null) {
      return;
    }
    // Leave the group: the instance that takes the partitions over need not wait out a session timeout.
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(CLOSE_TIMEOUT));
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    streams = null;
  }
}
