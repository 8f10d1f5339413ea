package io.realcast.webhooks.deliverer.internal;

import static io.realcast.webhooks.deliverer.internal.SenderHarness.WAIT;
import static io.realcast.webhooks.deliverer.internal.SenderHarness.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.deliverer.SendResult.FailureKind;
import io.realcast.webhooks.deliverer.testing.NettyReceiver;
import io.realcast.webhooks.deliverer.testing.NettyReceiver.Seen;
import io.realcast.webhooks.testkit.ChildProcess;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against a local receiver whose certificate, for {@code hooks.test} only, the JDK's keytool makes at test time
 * (a child process, hence an IT). The URL's host resolves to 127.0.0.1: the sender connects there and still names
 * {@code hooks.test} in SNI and in the certificate check, so a certificate for another name, or one nobody trusts,
 * is refused before a byte of the request is sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpSenderTlsIT {
  private static final String HOST = "hooks.test";
  private static final char[] PASSWORD = "receiver-pass".toCharArray();

  private NettyReceiver receiver;
  private TrustManagerFactory trustTheReceiver;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("receiver.p12");
    ChildProcess.Result made = ChildProcess.run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + HOST,
        "-ext", "SAN=dns:" + HOST, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)), dir, Duration.ofSeconds(30));
    assertThat(made.exitCode()).as(made.output()).isZero();

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory serverKeys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    serverKeys.init(keys, PASSWORD);
    SslContext serverTls = SslContextBuilder.forServer(serverKeys).sslProvider(SslProvider.JDK).build();
    receiver = NettyReceiver.start(serverTls, true);

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("receiver", keys.getCertificate("receiver"));
    trustTheReceiver = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustTheReceiver.init(trusted);
  }

  @AfterAll
  void stop() {
    receiver.close();
  }

  private SenderHarness sender(ClientTls tls) {
    SenderHarness sender = new SenderHarness(options(4, WAIT, 1024).withTls(tls));
    sender.dns.put(HOST, List.of(InetAddress.getLoopbackAddress()));
    sender.dns.put("other.test", List.of(InetAddress.getLoopbackAddress()));
    return sender;
  }

  @Test
  void shouldPostOverTlsNamingTheUrlsHostInSniAndReuseTheConnection() throws Exception {
    int before = receiver.connections();
    try (SenderHarness sender = sender(ClientTls.trusting(trustTheReceiver))) {
      for (int i = 0; i < 2; i++) {
        assertThat(sender.sendAndWait("https://" + HOST + ":" + receiver.port() + "/tls?n=" + i))
            .isInstanceOfSatisfying(SendResult.Response.class, r -> assertThat(r.status()).isEqualTo(200));
      }
    }

    List<Seen> seen = receiver.await(s -> s.path().equals("/tls"), 2, WAIT);
    assertThat(seen).allSatisfy(s -> {
      assertThat(s.serverName()).isEqualTo(HOST);
      assertThat(s.headers()).containsEntry("host", HOST + ":" + receiver.port());
    });
    assertThat(seen).extracting(Seen::connection).containsOnly(before + 1);
  }

  @Test
  void shouldRefuseACertificateThatDoesNotNameTheUrlsHost() throws Exception {
    try (SenderHarness sender = sender(ClientTls.trusting(trustTheReceiver))) {
      assertThat(sender.sendAndWait("https://other.test:" + receiver.port() + "/mismatch"))
          .isInstanceOfSatisfying(SendResult.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.IO);
            assertThat(f.detail()).contains("other.test");
          });
    }
    assertThat(receiver.seen()).extracting(Seen::path).doesNotContain("/mismatch");
  }

  @Test
  void shouldRefuseACertificateTheJdkDoesNotTrust() throws Exception {
    try (SenderHarness sender = sender(ClientTls.jdkDefault())) {
      assertThat(sender.sendAndWait("https://" + HOST + ":" + receiver.port() + "/untrusted"))
          .isInstanceOfSatisfying(SendResult.Failure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.IO));
    }
    assertThat(receiver.seen()).extracting(Seen::path).doesNotContain("/untrusted");
  }
}
