package io.realcast.webhooks.topic;

/**
 * The record-size contract of every topic the project creates and every producer it runs, in one place.
 *
 * <p>Both values are Kafka's own defaults, set explicitly so that a broker or client with other defaults
 * cannot change what the services rely on: a topic accepts a record batch of up to {@link #MAX_MESSAGE_BYTES}
 * (topic config {@code max.message.bytes}, the per-topic form of the broker's {@code message.max.bytes}), and a
 * producer refuses, before sending, a record larger than {@link #MAX_REQUEST_BYTES} ({@code max.request.size}).
 * The router keeps everything it writes below {@link #MAX_REQUEST_BYTES} by construction (see the router's
 * README), because under exactly-once one record that cannot be written aborts the whole transaction.
 */
public final class RecordLimits {
  /** {@code max.message.bytes} of every topic: 1 MiB plus the 12-byte record-batch log overhead (Kafka's default). */
  public static final int MAX_MESSAGE_BYTES = 1_048_588;
  /** {@code max.request.size} of every producer: 1 MiB (Kafka's default), below {@link #MAX_MESSAGE_BYTES}. */
  public static final int MAX_REQUEST_BYTES = 1_048_576;

  private RecordLimits() {}
}
