package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.invalid.Source;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a record that cannot be produced, and fails. Under exactly-once a failed send aborts the
 * transaction whatever this answers, and the input is processed again: for a delivery that is what must
 * happen (resuming would not even drop it, the commit fails anyway). For a record of
 * {@code realcast.events.invalid} the failure is remembered ({@code InvalidWriteFailures}), so the next
 * attempt writes a headers-only stub, and the one after that writes nothing: the partition moves on.
 */
public final class CountingProductionHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CountingProductionHandler.class);
  private HandlerContext service;

  @Override
  public void configure(Map<String, ?> configs) {
    service = HandlerContext.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (service != null && record.topic().equals(service.invalidTopic())) {
      Source source = service.invalidWrites().failed(record.headers());
      service.metrics().handlerError(RouterMetrics.Stage.INVALID_TOPIC);
      LOG.warn("Cannot write to {} the copy of {}; it will be written smaller or given up: {}", record.topic(), source,
          exception.toString());
      return Response.resume();
    }
    LOG.error("Cannot produce to {} (source {}-{}@{}): {}", record.topic(), context.topic(), context.partition(),
        context.offset(), exception.toString());
    if (service != null) {
      service.metrics().handlerError(RouterMetrics.Stage.PRODUCTION);
    }
    return Response.fail();
  }

  @Override
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    return handleError(context, record, exception);
  }
}
