package io.realcast.webhooks.deliverer.internal;

/**
 * Which offsets of one assignment are received but not yet durable, so that the committed offset never passes a record
 * whose outcome could still be lost. Offsets arrive in increasing order and become durable in any order: a ring of
 * them in arrival order, with the oldest pending at the head. Used by one thread.
 */
final class PartitionProgress {
  private long[] offsets = new long[64];
  private boolean[] done = new boolean[64];
  private int head;
  private int size;
  private long next = -1;

  /** {@code offset} was received (offsets only grow). */
  void received(long offset) {
    if (size == offsets.length) {
      grow();
    }
    int at = (head + size) & (offsets.length - 1);
    offsets[at] = offset;
    done[at] = false;
    size++;
    next = offset + 1;
  }

  /** {@code offset}'s outcome is durable. */
  void durable(long offset) {
    int i = indexOf(offset);
    if (i < 0) {
      return;
    }
    done[(head + i) & (offsets.length - 1)] = true;
    while (size > 0 && done[head]) {
      head = (head + 1) & (offsets.length - 1);
      size--;
    }
  }

  /** The offset to commit: everything below it is durable; -1 before anything was received. */
  long committable() {
    return size > 0 ? offsets[head] : next;
  }

  int pending() {
    return size;
  }

  private int indexOf(long offset) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long at = offsets[(head + mid) & (offsets.length - 1)];
      if (at < offset) {
        lo = mid + 1;
      } else if (at > offset) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private void grow() {
    long[] o = new long[offsets.length * 2];
    boolean[] d = new boolean[offsets.length * 2];
    for (int i = 0; i < size; i++) {
      o[i] = offsets[(head + i) & (offsets.length - 1)];
      d[i] = done[(head + i) & (offsets.length - 1)];
    }
    offsets = o;
    done = d;
    head = 0;
  }
}
