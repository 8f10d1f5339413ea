package io.realcast.webhooks.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExpiringKeysTest {
  private static final long WINDOW = 1_000;
  private KeyValueStore<String, byte[]> store;
  private ExpiringKeys keys;

  @BeforeEach
  void open() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("keys"), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    keys = new ExpiringKeys(store, WINDOW);
  }

  @Test
  void shouldRememberAKeyForExactlyTheWindow() {
    keys.put("evt_1", new byte[] {7}, 10_000);

    assertThat(keys.get("evt_1", 10_000)).containsExactly(7);
    assertThat(keys.get("evt_1", 11_000)).containsExactly(7);
    assertThat(keys.get("evt_1", 11_001)).isNull();
    assertThat(keys.get("evt_2", 10_000)).isNull();
  }

  @Test
  void shouldReturnTheLatestValueOfAKeyPutAgain() {
    keys.put("s", new byte[] {1}, 10_000);
    keys.put("s", new byte[] {2}, 10_700);

    assertThat(keys.get("s", 10_800)).containsExactly(2);
  }

  @Test
  void shouldDeleteOnlyGenerationsOlderThanTheWindowInBoundedBatches() {
    for (int i = 0; i < 10; i++) {
      keys.put("old_" + i, new byte[0], 10_000);
    }
    keys.put("recent", new byte[0], 11_400);

    assertThat(keys.expire(11_400, 100)).isZero(); // 10,000 is within 1.5 windows: kept
    AtomicInteger deleted = new AtomicInteger();
    deleted.addAndGet(keys.expire(11_600, 4));
    deleted.addAndGet(keys.expire(11_600, 100));

    assertThat(deleted).hasValue(10);
    assertThat(store.approximateNumEntries()).isEqualTo(1);
    assertThat(keys.get("recent", 11_600)).isNotNull();
  }
}
