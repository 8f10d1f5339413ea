package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and fails on a record that cannot be produced. Failing aborts the transaction and replaces the
 * thread (see the uncaught-exception handler), so the input is reprocessed and nothing is lost; resuming
 * would silently drop a delivery, which the product promises never to do.
 */
public final class CountingProductionHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CountingProductionHandler.class);
  private RouterMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    metrics = HandlerMetrics.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    LOG.error("Cannot produce to {} (source {}-{}@{}): {}", record.topic(), context.topic(), context.partition(),
        context.offset(), exception.toString());
    if (metrics != null) {
      metrics.handlerError(RouterMetrics.Stage.PRODUCTION);
    }
    return Response.fail();
  }

  @Override
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    return handleError(context, record, exception);
  }
}
