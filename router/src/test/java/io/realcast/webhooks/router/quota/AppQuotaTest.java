package io.realcast.webhooks.router.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppQuotaTest {
  @Test
  void shouldAllowABurstOfOneSecondThenRefillAtTheRate() {
    AppQuota quota = new AppQuota(10);

    int allowed = 0;
    while (quota.tryTake("app_a", 0)) {
      allowed++;
    }
    assertThat(allowed).isEqualTo(10);
    assertThat(quota.available("app_a", 0)).isZero();
    assertThat(quota.available("app_a", 500)).isEqualTo(5);
    assertThat(quota.available("app_a", 5_000)).isEqualTo(10);
  }

  @Test
  void shouldKeepAppsApart() {
    AppQuota quota = new AppQuota(1);

    assertThat(quota.tryTake("app_a", 0)).isTrue();
    assertThat(quota.tryTake("app_a", 0)).isFalse();
    assertThat(quota.tryTake("app_b", 0)).isTrue();
  }

  @Test
  void shouldForgetAppsWhoseBucketRefilled() {
    AppQuota quota = new AppQuota(10);
    quota.tryTake("app_a", 0);
    quota.tryTake("app_b", 950);

    quota.forgetIdle(1_000);

    assertThat(quota.trackedApps()).isEqualTo(1);
  }

  @Test
  void shouldNotLimitWhenTheRateIsZero() {
    AppQuota none = new AppQuota(0);

    for (int i = 0; i < 100_000; i++) {
      assertThat(none.tryTake("app_a", 0)).isTrue();
    }
    assertThat(none.isLimited()).isFalse();
  }
}
