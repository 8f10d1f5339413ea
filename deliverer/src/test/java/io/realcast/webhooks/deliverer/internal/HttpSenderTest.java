package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ConnectTimeoutException;
import io.realcast.webhooks.deliverer.SendResult.FailureKind;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class HttpSenderTest {

  @Test
  void shouldNameTransportFailures() {
    assertThat(HttpSender.kindOf(new ConnectException("Connection refused"))).isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(HttpSender.kindOf(new ConnectTimeoutException("connection timed out"))).isEqualTo(FailureKind.TIMEOUT);
    assertThat(HttpSender.kindOf(new TimeoutException())).isEqualTo(FailureKind.TIMEOUT);
    assertThat(HttpSender.kindOf(new UnknownHostException("nowhere.invalid"))).isEqualTo(FailureKind.DNS);
    assertThat(HttpSender.kindOf(new HttpClosedException("closed"))).isEqualTo(FailureKind.CONNECTION_RESET);
    assertThat(HttpSender.kindOf(new IOException("Connection reset by peer"))).isEqualTo(FailureKind.CONNECTION_RESET);
    assertThat(HttpSender.kindOf(new IOException("Broken pipe"))).isEqualTo(FailureKind.IO);
  }

  @Test
  void shouldAcceptOnlyAbsoluteHttpUrlsWithoutCredentials() {
    Endpoint tls = Endpoint.parse("https://hooks.example.com:8443/x?y=1");
    assertThat(tls).extracting(Endpoint::tls, Endpoint::host, Endpoint::port, Endpoint::requestUri, Endpoint::literal)
        .containsExactly(true, "hooks.example.com", 8443, "/x?y=1", null);
    assertThat(Endpoint.parse("http://127.0.0.1/hook").literal()).hasToString("/127.0.0.1");
    assertThat(Endpoint.parse("http://[::1]:9000").literal()).isNotNull();
    assertThat(Endpoint.parse("http://[::1]:9000")).extracting(Endpoint::host, Endpoint::port, Endpoint::requestUri)
        .containsExactly("::1", 9000, "/");
    assertThat(Endpoint.parse("https://example.com").port()).isEqualTo(443);
    assertThatThrownBy(() -> Endpoint.parse("ftp://example.com/")).hasMessageContaining("http");
    assertThatThrownBy(() -> Endpoint.parse("/relative")).hasMessageContaining("http");
    assertThatThrownBy(() -> Endpoint.parse("https://user:pw@example.com/")).hasMessageContaining("credentials");
  }
}
