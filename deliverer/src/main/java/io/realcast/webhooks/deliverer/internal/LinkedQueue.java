package io.realcast.webhooks.deliverer.internal;

/**
 * Items in the order they were added, linked through themselves: adding, removing any one and reading the oldest take
 * constant time and allocate nothing. The sender's attempts in flight and a lane's running attempts use it (an
 * {@code ArrayDeque} searched on every removal took 4 % of the deliverer's CPU). One thread only.
 *
 * @param <E> the items, each a {@link Node} in at most one queue at a time
 */
final class LinkedQueue<E extends LinkedQueue.Node<E>> {
  /** What an item carries to be linked: its neighbours while it is in a queue. */
  abstract static class Node<E> {
    E prev;
    E next;
  }

  private E oldest;
  private E newest;
  private int size;

  void add(E e) {
    e.prev = newest;
    e.next = null;
    if (newest == null) {
      oldest = e;
    } else {
      newest.next = e;
    }
    newest = e;
    size++;
  }

  /** Removes {@code e}, which must be in this queue. */
  void remove(E e) {
    if (e.prev == null) {
      oldest = e.next;
    } else {
      e.prev.next = e.next;
    }
    if (e.next == null) {
      newest = e.prev;
    } else {
      e.next.prev = e.prev;
    }
    e.prev = null;
    e.next = null;
    size--;
  }

  /** The item added first of those still here, or null; walk on with {@link Node#next}. */
  E oldest() {
    return oldest;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
