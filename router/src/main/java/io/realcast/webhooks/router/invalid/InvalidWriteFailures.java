package io.realcast.webhooks.router.invalid;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * Remembers which source records could not be written to {@code realcast.events.invalid}, so that writing
 * them degrades instead of failing forever. Under exactly-once a failed write aborts the transaction and the
 * source record is processed again; the second time it is written as a {@link InvalidRecord.Form#STUB}
 * (headers only), the third time not at all ({@link Attempt#SKIP}, counted). Records are bounded by
 * construction, so this only happens when the topic refuses what it should accept (a smaller
 * {@code max.message.bytes}, a missing topic): the router keeps routing meanwhile.
 *
 * <p>One per router instance, shared by its stream threads and the producers' callbacks; the last
 * {@value #CAPACITY} failing sources are kept.
 */
public final class InvalidWriteFailures {
  static final int CAPACITY = 10_000;

  /** What to do the next time a source record is written to the invalid topic. */
  public enum Attempt { FULL, STUB, SKIP }

  private final Map<Source, Integer> failures = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Source, Integer> eldest) {
      return size() > CAPACITY;
    }
  };

  public synchronized Attempt next(Source source) {
    int failed = failures.getOrDefault(source, 0);
    return failed == 0 ? Attempt.FULL : failed == 1 ? Attempt.STUB : Attempt.SKIP;
  }

  /** A write of ours failed; its headers name the source. Returns that source, or null if they name none. */
  public synchronized Source failed(Headers headers) {
    Source source = InvalidRecord.sourceOf(headers);
    if (source != null) {
      failures.merge(source, 1, Integer::sum);
    }
    return source;
  }
}
