package io.realcast.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.testing.ReceiverPrograms.Language;
import io.realcast.webhooks.testing.ReceiverPrograms.SignedCase;
import io.realcast.webhooks.testing.ReceiverPrograms.Verdict;
import io.realcast.webhooks.testing.ReceiverPrograms;
import io.realcast.webhooks.testing.WebhookBodies;
import io.realcast.webhooks.verifier.HeaderLookup;
import io.realcast.webhooks.verifier.WebhookVerificationException;
import io.realcast.webhooks.verifier.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our {@code X-RealCast-Signature} must satisfy the example receivers' own checks (docs/RECEIVING.md): the
 * Node.js one (which signs {@code JSON.stringify(req.body)}), the Python and the PHP ones (which sign the raw
 * body). Tampering, a wrong secret or a missing {@code sha256=} prefix must fail everywhere, {@link
 * WebhookVerifier} (the verifier artifact) included.
 */
@Timeout(180)
class ReceiverSignatureIT {
  private static final WebhookSecret SECRET = WebhookSecret.generate(new SecureRandom());
  private static final WebhookSecret OTHER = WebhookSecret.generate(new SecureRandom());

  private static List<String> names;
  private static List<SignedCase> genuine;
  private static List<SignedCase> forged;

  @BeforeAll
  static void signBodies() {
    names = new ArrayList<>();
    genuine = new ArrayList<>();
    forged = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : WebhookBodies.all().entrySet()) {
      byte[] body = e.getValue();
      String signature = Signatures.seed(SECRET, body);
      names.add(e.getKey());
      genuine.add(new SignedCase(body, signature, SECRET.value()));
      forged.add(new SignedCase(tamper(body), signature, SECRET.value()));
      forged.add(new SignedCase(body, Signatures.seed(OTHER, body), SECRET.value()));
      forged.add(new SignedCase(body, signature.substring(Signatures.SEED_PREFIX.length()), SECRET.value()));
    }
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void shouldVerifyInTheExampleReceiver(Language language) {
    List<Verdict> verdicts = ReceiverPrograms.verify(language, genuine);

    assertThat(verdicts).hasSameSizeAs(genuine);
    for (int i = 0; i < verdicts.size(); i++) {
      assertThat(verdicts.get(i)).as(names.get(i)).isEqualTo(Verdict.VERIFIED);
    }
  }

  @Test
  void shouldVerifyInWebhookVerifier() throws Exception {
    WebhookVerifier verifier = WebhookVerifier.withSecrets(SECRET.value());

    for (SignedCase c : genuine) {
      verifier.verifyRealcastSignatureWithoutReplayProtection(c.body(), signature(c));
    }
    assertThat(genuine).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void shouldFailTamperedBodiesWrongSecretsAndMissingPrefixInTheExampleReceiver(Language language) {
    // Node's timingSafeEqual throws when lengths differ (the missing prefix): a failure too.
    assertThat(ReceiverPrograms.verify(language, forged)).hasSameSizeAs(forged).allMatch(v -> v != Verdict.VERIFIED);
  }

  @Test
  void shouldFailTamperedBodiesWrongSecretsAndMissingPrefixInWebhookVerifier() {
    WebhookVerifier verifier = WebhookVerifier.withSecrets(SECRET.value());

    for (SignedCase c : forged) {
      assertThatThrownBy(() -> verifier.verifyRealcastSignatureWithoutReplayProtection(c.body(), signature(c)))
          .isInstanceOf(WebhookVerificationException.class);
    }
  }

  @Test
  void shouldMissingPrefixMakeNodeThrowRatherThanReturnFalse() {
    byte[] body = WebhookBodies.samples().values().iterator().next();
    String hexOnly = Signatures.seed(SECRET, body).substring(Signatures.SEED_PREFIX.length());

    assertThat(ReceiverPrograms.verify(Language.NODE, List.of(new SignedCase(body, hexOnly, SECRET.value()))))
        .containsExactly(Verdict.THREW);
  }

  private static HeaderLookup signature(SignedCase c) {
    return HeaderLookup.of(Map.of(SignedHeaders.SIGNATURE, c.signature()));
  }

  /** Changes one character of the chat message, title or first string value: a different, still valid body. */
  private static byte[] tamper(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    int at = text.indexOf("\"stream_id\":\"") + "\"stream_id\":\"".length();
    return (text.substring(0, at) + "X" + text.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
  }
}
