"""A Python webhook receiver, as docs/RECEIVING.md describes one, on the standard library only.

- The signature is checked over the raw body, decoded as UTF-8 (as Flask's get_data(as_text=True)
  does), with verify_webhook_signature below.
- Duplicates are recognised by X-RealCast-Webhook-Id, acknowledged and skipped.
- received / processed / failed counters are served at GET /webhooks/stats; a signature that does
  not verify counts as failed.

    WEBHOOK_SECRET=whsec_... PORT=3000 HOST=127.0.0.1 python3 receiver.py
"""
import hashlib
import hmac
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def verify_webhook_signature(payload, signature, secret):
    expected_signature = 'sha256=' + hmac.new(
        secret.encode(),
        payload.encode(),
        hashlib.sha256
    ).hexdigest()

    return hmac.compare_digest(signature, expected_signature)


class Receiver:
    """The receiver's state: the secret, the ids already processed and the counters."""

    def __init__(self, secret):
        self.secret = secret
        self.processed_ids = set()
        self.stats = {"received": 0, "processed": 0, "failed": 0}
        self.lock = threading.Lock()

    def receive(self, raw_body, signature, webhook_id):
        """Returns the HTTP status to answer with."""
        with self.lock:
            self.stats["received"] += 1
            # Werkzeug's get_data(as_text=True) decodes with errors="replace" too.
            payload = raw_body.decode("utf-8", errors="replace")
            if signature is None or not verify_webhook_signature(payload, signature, self.secret):
                self.stats["failed"] += 1
                return 401
            if webhook_id in self.processed_ids:
                return 200
            self.processed_ids.add(webhook_id)
            event = json.loads(payload)
            print(f"{event['event']} for {event['data'].get('stream_id', '-')}", flush=True)
            self.stats["processed"] += 1
            return 200


def handler_for(receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            if self.path != "/webhooks/realcast":
                return self.answer(404, b"Not found")
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status = receiver.receive(body, self.headers.get("X-RealCast-Signature"),
                                      self.headers.get("X-RealCast-Webhook-Id"))
            self.answer(status, b"OK" if status == 200 else b"Invalid signature")

        def do_GET(self):
            if self.path != "/webhooks/stats":
                return self.answer(404, b"Not found")
            with receiver.lock:
                body = json.dumps(receiver.stats).encode()
            self.answer(200, body, "application/json")

        def answer(self, status, body, content_type="text/plain"):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass  # one line per event is printed by Receiver.receive

    return Handler


def main():
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "3000"))
    server = ThreadingHTTPServer((host, port), handler_for(Receiver(os.environ["WEBHOOK_SECRET"])))
    # Tests wait for this line before sending anything.
    print(f"Receiver listening on http://{host}:{server.server_address[1]}/webhooks/realcast", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
