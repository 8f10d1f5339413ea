package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.event.InvalidRawEventException;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.invalid.Source;
import io.realcast.webhooks.tracing.TraceParent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses raw event bytes. Valid events go on as {@link ParsedEvent}; invalid ones go to the invalid-events
 * sink, with the reason in headers and cut to a bounded size ({@code InvalidRecord}). The output value type is
 * {@code Object} because the two children take different types; each forward names its child.
 */
public final class ValidateEventsProcessor implements Processor<String, byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(ValidateEventsProcessor.class);

  private final RawEventParser parser;
  private final RouterMetrics metrics;
  private final InvalidOutput invalidOutput;
  private final String validChild;
  private final String invalidChild;
  private ProcessorContext<String, Object> context;

  public ValidateEventsProcessor(RawEventParser parser, RouterMetrics metrics, InvalidOutput invalidOutput, String validChild,
      String invalidChild) {
    this.parser = parser;
    this.metrics = metrics;
    this.invalidOutput = invalidOutput;
    this.validChild = validChild;
    this.invalidChild = invalidChild;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Source source = source(context);
    RawEvent event;
    try {
      event = parser.parse(record.value());
    } catch (InvalidRawEventException e) {
      metrics.invalid(e.reason());
      LOG.debug("Invalid raw event {} (key {}): {} {}", source, record.key(), e.reason(), e.getMessage());
      invalidOutput.record(record.key(), record.value(), record.headers(), e.reason().code(), e.getMessage(), source,
          record.timestamp()).ifPresent(r -> context.forward(r.withValue((Object) r.value()), invalidChild));
      return;
    }
    metrics.ingested(event.type());
    context.forward(record.withValue((Object) new ParsedEvent(event, record.value(), source, TraceParent.read(record.headers()))),
        validChild);
  }

  /** Where the current record was read; every record of this processor comes from realcast.events. */
  static Source source(ProcessorContext<?, ?> context) {
    return context.recordMetadata().map(m -> new Source(m.partition(), m.offset()))
        .orElseGet(() -> new Source(context.taskId().partition(), -1));
  }
}
