package io.realcast.webhooks.api.manage;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per key, striped over a fixed number of locks so memory stays bounded: two keys may share a lock,
 * which only costs a little waiting. Each kind of key (apps, webhooks) has its own stripes, and a thread holding a
 * webhook's lock never asks for an app's, so locks are always taken app first and cannot deadlock.
 */
final class KeyLocks {
  private final ReentrantLock[] stripes;

  KeyLocks(int stripes) {
    this.stripes = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      this.stripes[i] = new ReentrantLock();
    }
  }

  <T> T with(String key, Supplier<T> action) {
    ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), stripes.length)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}
