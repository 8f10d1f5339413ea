package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.router.invalid.Source;

/**
 * A valid raw event on its way through the router, with the bytes it came as (kept when it has to wait, and
 * copied to realcast.events.invalid when stream state ignores it) and where it was read.
 */
public record ParsedEvent(RawEvent event, byte[] bytes, Source source) {}
