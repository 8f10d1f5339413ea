package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.router.invalid.Source;

/**
 * A valid raw event on its way through the router, with the bytes it came as (kept when it has to wait, and
 * copied to realcast.events.invalid when stream state ignores it), where it was read, and the traceparent of its
 * record (null when it had none, and for an event that waited in a store, which keeps only the bytes).
 */
public record ParsedEvent(RawEvent event, byte[] bytes, Source source, String traceParent) {
  /** An event outside any trace. */
  public ParsedEvent(RawEvent event, byte[] bytes, Source source) {
    this(event, bytes, source, null);
  }
}
