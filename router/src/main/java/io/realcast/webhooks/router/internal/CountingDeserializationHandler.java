package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, counts and skips a record Kafka Streams cannot deserialize. Values are read as bytes and validated
 * by the parser (invalid ones go to realcast.events.invalid), so this only sees broken keys or headers.
 */
public final class CountingDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CountingDeserializationHandler.class);
  private HandlerContext service;

  @Override
  public void configure(Map<String, ?> configs) {
    service = HandlerContext.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn("Skipping undeserializable record {}-{}@{}: {}", context.topic(), context.partition(), context.offset(),
        exception.toString());
    if (service != null) {
      service.metrics().handlerError(RouterMetrics.Stage.DESERIALIZATION);
    }
    return Response.resume();
  }
}
