# The integration guide's Python receiver check, run on the raw body as the guide's Flask usage does:
# payload = request.get_data(as_text=True), i.e. the raw bytes decoded as UTF-8.
# Input: a file with one JSON object per line: {"body": base64 raw body, "signature": header, "secret": secret}.
# Output: one line per case: "true", "false", or "throw:<message>".
import base64
import json
import sys

# ---- verbatim from seed/webhook-integration-guide.md (SeedGuideTest checks it stays identical) ----
import hmac
import hashlib

def verify_webhook_signature(payload, signature, secret):
    expected_signature = 'sha256=' + hmac.new(
        secret.encode(),
        payload.encode(),
        hashlib.sha256
    ).hexdigest()
    
    return hmac.compare_digest(signature, expected_signature)
# ---- end of the guide's code ----


def main(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            try:
                # Werkzeug's get_data(as_text=True) decodes with errors="replace".
                payload = base64.b64decode(case["body"]).decode("utf-8", errors="replace")
                out.append("true" if verify_webhook_signature(payload, case["signature"], case["secret"]) else "false")
            except Exception as e:  # noqa: BLE001 - any failure is a failed verification
                out.append("throw:" + str(e).replace("\n", " "))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
