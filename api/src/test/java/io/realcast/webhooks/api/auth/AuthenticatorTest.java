package io.realcast.webhooks.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.id.AppId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static final String ADMIN = "admin-key-0123456789";
  private final SecureRandom random = new SecureRandom();

  @Test
  void shouldRecognizeTheAdminKey() {
    Authenticator auth = new Authenticator(ADMIN, java.time.Clock.systemUTC());
    assertThat(auth.authenticate("Bearer " + ADMIN)).contains(new Caller.Admin());
    assertThat(auth.authenticate("bearer " + ADMIN)).contains(new Caller.Admin());
  }

  @Test
  void shouldRecognizeAnAppKeyFromItsStoredHashOnly() {
    Authenticator auth = new Authenticator(ADMIN, java.time.Clock.systemUTC());
    String key = ApiKeys.generate(random);
    AppId app = AppId.of("app_one");
    auth.onApp(app.value(), Optional.of(new App(app, "one", ApiKeys.hash(key), Instant.EPOCH)));

    assertThat(auth.authenticate("Bearer " + key)).contains(new Caller.OfApp(app));
    assertThat(new Caller.OfApp(app).canAccess(app)).isTrue();
    assertThat(new Caller.OfApp(app).canAccess(AppId.of("app_two"))).isFalse();
  }

  @Test
  void shouldRefuseMissingMalformedAndUnknownKeys() {
    Authenticator auth = new Authenticator(ADMIN, java.time.Clock.systemUTC());
    assertThat(auth.authenticate(null)).isEmpty();
    assertThat(auth.authenticate("")).isEmpty();
    assertThat(auth.authenticate("Bearer ")).isEmpty();
    assertThat(auth.authenticate("Basic " + ADMIN)).isEmpty();
    assertThat(auth.authenticate(ADMIN)).isEmpty();
    assertThat(auth.authenticate("Bearer " + ADMIN + "x")).isEmpty();
    assertThat(auth.authenticate("Bearer " + ApiKeys.generate(random))).isEmpty();
  }

  @Test
  void shouldForgetTheKeyOfADeletedApp() {
    Authenticator auth = new Authenticator(ADMIN, java.time.Clock.systemUTC());
    String key = ApiKeys.generate(random);
    auth.onApp("app_gone", Optional.of(new App(AppId.of("app_gone"), "", ApiKeys.hash(key), Instant.EPOCH)));
    auth.onApp("app_gone", Optional.empty());
    assertThat(auth.authenticate("Bearer " + key)).isEmpty();
  }

  @Test
  void shouldIgnoreARecordWithAMalformedAppId() {
    Authenticator auth = new Authenticator(ADMIN, java.time.Clock.systemUTC());
    auth.onApp("not-an-app-id", Optional.empty());
    assertThat(auth.authenticate("Bearer " + ADMIN)).contains(new Caller.Admin());
  }

  @Test
  void shouldGenerateDistinctPrefixedKeysWith256BitsOfRandomness() {
    String a = ApiKeys.generate(random);
    assertThat(a).startsWith(ApiKeys.PREFIX).hasSize(ApiKeys.PREFIX.length() + 43).isNotEqualTo(ApiKeys.generate(random));
    assertThat(ApiKeys.hash(a)).hasSize(64).matches("[0-9a-f]+");
  }
}
