package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.invalid.InvalidRecord;
import io.realcast.webhooks.router.invalid.InvalidWriteFailures;
import io.realcast.webhooks.router.invalid.Source;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the records of {@code realcast.events.invalid}: bounded ({@link InvalidRecord}), and smaller each time
 * writing the copy of the same source failed before ({@link InvalidWriteFailures}), until it is given up.
 */
public final class InvalidOutput {
  private static final Logger LOG = LoggerFactory.getLogger(InvalidOutput.class);

  private final InvalidWriteFailures failures;
  private final RouterMetrics metrics;
  private final int maxValueBytes;

  public InvalidOutput(InvalidWriteFailures failures, RouterMetrics metrics, int maxValueBytes) {
    this.failures = failures;
    this.metrics = metrics;
    this.maxValueBytes = maxValueBytes;
  }

  /** The record to write, or empty when writing it failed twice already (counted, logged). */
  Optional<Record<String, byte[]>> record(String key, byte[] value, Headers original, String reason, String detail,
      Source source, long timestamp) {
    InvalidWriteFailures.Attempt attempt = failures.next(source);
    if (attempt == InvalidWriteFailures.Attempt.SKIP) {
      metrics.invalidDropped();
      LOG.error("Giving up the copy of {} ({}) for realcast.events.invalid: the topic refused it twice", source, reason);
      return Optional.empty();
    }
    InvalidRecord.Form form = attempt == InvalidWriteFailures.Attempt.FULL ? InvalidRecord.Form.FULL : InvalidRecord.Form.STUB;
    InvalidRecord r = InvalidRecord.of(key, value, original, reason, detail, source, form, maxValueBytes);
    return Optional.of(new Record<>(r.key(), r.value(), timestamp, r.headers()));
  }
}
