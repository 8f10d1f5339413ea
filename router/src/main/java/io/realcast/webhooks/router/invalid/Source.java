package io.realcast.webhooks.router.invalid;

/** Where a raw event was read: its partition of {@code realcast.events} and its offset there. */
public record Source(int partition, long offset) {}
