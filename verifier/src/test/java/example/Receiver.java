package example;

import com.sun.net.httpserver.HttpServer;
import io.realcast.webhooks.verifier.WebhookVerificationException;
import io.realcast.webhooks.verifier.WebhookVerifier;
import java.net.InetSocketAddress;

public class Receiver {
  public static void main(String[] args) throws Exception {
    WebhookVerifier verifier = WebhookVerifier.withSecrets(System.getenv("WEBHOOK_SECRET"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 0);
    server.createContext("/webhooks/realcast", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      try {
        verifier.verifyStandardWebhooks(body, exchange.getRequestHeaders()::getFirst);
        System.out.println(exchange.getRequestHeaders().getFirst("webhook-id") + " " + new String(body, "UTF-8"));
        exchange.sendResponseHeaders(204, -1); // answer now; dedupe on webhook-id, do the work elsewhere
      } catch (WebhookVerificationException e) {
        exchange.sendResponseHeaders(401, -1);
      }
      exchange.close();
    });
    server.start();
  }
}
