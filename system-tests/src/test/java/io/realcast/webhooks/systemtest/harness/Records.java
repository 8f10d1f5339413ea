package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import java.util.List;

/** The scenario's topics, decoded. */
public final class Records {
  private Records() {}

  public static List<DeadLetter> deadLetters(SystemUnderTest sut) {
    return TopicReader.readAll(sut.kafka(), sut.topics().dead()).stream()
        .map(r -> DeliveryCodec.decodeDeadLetter(r.value())).toList();
  }

  public static List<AttemptLog> attempts(SystemUnderTest sut) {
    return TopicReader.readAll(sut.kafka(), sut.topics().attempts()).stream()
        .map(r -> DeliveryCodec.decodeAttemptLog(r.value())).toList();
  }

  /** realcast.deliveries as the deliverer sees it: committed transactions only. */
  public static List<Delivery> deliveries(SystemUnderTest sut) {
    return TopicReader.readAll(sut.kafka(), sut.topics().deliveries()).stream()
        .map(r -> DeliveryCodec.decodeDelivery(r.value())).toList();
  }
}
