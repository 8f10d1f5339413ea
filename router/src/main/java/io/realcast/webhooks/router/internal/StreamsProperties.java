package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.invalid.InvalidWriteFailures;
import io.realcast.webhooks.topic.RecordLimits;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;

/** The one place Kafka Streams properties are built from {@link RouterConfig}. */
public final class StreamsProperties {
  private StreamsProperties() {}

  public static Properties of(RouterConfig config, RouterMetrics metrics) {
    return of(config, metrics, new InvalidWriteFailures());
  }

  public static Properties of(RouterConfig config, RouterMetrics metrics, InvalidWriteFailures invalidWrites) {
    Map<String, Object> p = new HashMap<>();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    // PaceCommitsProcessor asks for commits between the pace's floor and ceiling; Kafka Streams' own interval only
    // backs it up.
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commits().ceiling().toMillis());
    // A thread waiting in poll() for more input commits (and runs the pacer's tick) only when the poll returns:
    // without this, an idle-ish router holds processed deliveries back for up to poll.ms (100 ms).
    p.put(StreamsConfig.POLL_MS_CONFIG, Math.max(1, Math.min(100, config.commits().floor().toMillis())));
    // Each task reads one partition of realcast.events and nothing else (the registry is a global store), so there is
    // no second input to wait for; with idling on, every look at an empty queue formatted a log line nobody reads.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replication());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeserializationHandler.class);
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingProductionHandler.class);
    // A producer may set a negative timestamp; the event is still valid and must not be dropped.
    p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, UsePartitionTimeOnInvalidTimestamp.class);
    // Processing errors are bugs: fail (the thread is replaced, the transaction aborted, the record retried).
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    p.put(HandlerContext.CONFIG_KEY, new HandlerContext(metrics, invalidWrites, config.kafka().topics().eventsInvalid()));
    // Deliveries are many small JSON records: batch and compress them. The linger is Kafka Streams' own (100 ms, the
    // default commit ceiling): nobody reads a transaction's records before it commits and a commit sends whatever is
    // waiting, so the commit, not a timer, sends them, one produce request per broker where the 5 ms this used to set
    // sent one every 5 ms (BENCHMARKS.md, "Router producer linger").
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
    // The record-size contract (RecordLimits) holds for the changelogs Kafka Streams creates as for our topics.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), RecordLimits.MAX_REQUEST_BYTES);
    p.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), Integer.toString(RecordLimits.MAX_MESSAGE_BYTES));
    p.putAll(config.kafka().clientOverrides());
    Properties properties = new Properties();
    properties.putAll(p);
    return properties;
  }
}
