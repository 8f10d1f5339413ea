package io.realcast.webhooks.id;

import java.time.Clock;

/** An application registered in RealCast; owns webhooks and an API key. */
public record AppId(String value) {
  public static final String PREFIX = "app_";

  public AppId {
    PrefixedId.check(PREFIX, value);
  }

  public static AppId of(String value) {
    return new AppId(value);
  }

  public static AppId random(Clock clock) {
    return new AppId(PREFIX + PrefixedId.randomSuffix(clock.millis()));
  }

  @Override
  public String toString() {
    return value;
  }
}
