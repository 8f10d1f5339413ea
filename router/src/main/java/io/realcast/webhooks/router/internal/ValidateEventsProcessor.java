package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.event.InvalidRawEventException;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.router.RouterMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses raw event bytes. Valid events go on as {@link RawEvent}; invalid ones go, byte for byte, to the
 * invalid-events sink with the reason in headers. The output value type is {@code Object} because the two
 * children take different types; each forward names its child.
 */
public final class ValidateEventsProcessor implements Processor<String, byte[], String, Object> {
  public static final String REASON_HEADER = "realcast.invalid.reason";
  public static final String DETAIL_HEADER = "realcast.invalid.detail";
  private static final Logger LOG = LoggerFactory.getLogger(ValidateEventsProcessor.class);

  private final RawEventParser parser;
  private final RouterMetrics metrics;
  private final String validChild;
  private final String invalidChild;
  private ProcessorContext<String, Object> context;

  public ValidateEventsProcessor(RawEventParser parser, RouterMetrics metrics, String validChild, String invalidChild) {
    this.parser = parser;
    this.metrics = metrics;
    this.validChild = validChild;
    this.invalidChild = invalidChild;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RawEvent event;
    try {
      event = parser.parse(record.value());
    } catch (InvalidRawEventException e) {
      metrics.invalid(e.reason());
      LOG.debug("Invalid raw event (key {}): {} {}", record.key(), e.reason(), e.getMessage());
      Headers headers = new RecordHeaders(record.headers().toArray());
      headers.remove(REASON_HEADER).remove(DETAIL_HEADER);
      headers.add(REASON_HEADER, e.reason().code().getBytes(StandardCharsets.UTF_8));
      headers.add(DETAIL_HEADER, e.getMessage().getBytes(StandardCharsets.UTF_8));
      context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers), invalidChild);
      return;
    }
    metrics.ingested(event.type());
    context.forward(record.withValue((Object) event), validChild);
  }
}
