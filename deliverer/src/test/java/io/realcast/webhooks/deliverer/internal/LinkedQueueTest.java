package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkedQueueTest {
  private static final class Item extends LinkedQueue.Node<Item> {}

  @Test
  void shouldKeepTheOldestFirstWhateverEndsInBetween() {
    LinkedQueue<Item> queue = new LinkedQueue<>();
    Item a = new Item();
    Item b = new Item();
    Item c = new Item();
    queue.add(a);
    queue.add(b);
    queue.add(c);

    queue.remove(b);
    assertThat(queue.oldest()).isSameAs(a);
    assertThat(queue.size()).isEqualTo(2);

    queue.remove(a);
    assertThat(queue.oldest()).as("the middle one left first, so c is next").isSameAs(c);

    Item d = new Item();
    queue.add(d);
    queue.remove(c);
    assertThat(queue.oldest()).isSameAs(d);
    queue.remove(d);
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.oldest()).isNull();
  }

  @Test
  void shouldTakeTheNewestOutWithoutLosingTheRest() {
    LinkedQueue<Item> queue = new LinkedQueue<>();
    Item a = new Item();
    Item b = new Item();
    queue.add(a);
    queue.add(b);

    queue.remove(b);
    queue.add(new Item());

    assertThat(queue.oldest()).isSameAs(a);
    assertThat(queue.size()).isEqualTo(2);
  }
}
