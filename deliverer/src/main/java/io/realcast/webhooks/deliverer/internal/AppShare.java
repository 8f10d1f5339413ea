package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.id.AppId;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One app's share of this instance: the deliveries it holds, its attempts in flight, its lanes that can start one,
 * and the partitions waiting for it to have room. Used by the dispatcher's thread only.
 */
final class AppShare {
  final AppId app;
  /** Lanes with a delivery waiting and a free slot, in turn. */
  final ArrayDeque<Lane> readyLanes = new ArrayDeque<>();
  /** Partitions held because this app holds its share. */
  final Set<PartitionQueue> waiting = new LinkedHashSet<>();
  int buffered;
  int inFlight;
  /** Lanes of this app the dispatcher keeps. */
  int lanes;
  /** When an attempt of this app last ended, or it went from holding nothing (or none in flight) to holding some. */
  long lastProgressNanos;
  boolean ready;

  AppShare(AppId app) {
    this.app = app;
  }

  /**
   * It holds deliveries and none of its attempts ended within {@code slowNanos}: its attempts hang, or what it holds
   * waits (an ordered stream behind a retry) instead of draining.
   */
  boolean slow(long nowNanos, long slowNanos) {
    return buffered > 0 && nowNanos - lastProgressNanos >= slowNanos;
  }

  boolean idle() {
    return lanes == 0 && buffered == 0 && inFlight == 0 && waiting.isEmpty();
  }
}
