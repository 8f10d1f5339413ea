"""Runs many signature cases through receiver.py's verify_webhook_signature, in one process.

    python3 cases.py FILE   - FILE: one {"body": base64, "signature": ..., "secret": ...} per line;
                              prints "true", "false" or "throw:<message>" per line
"""
import base64
import json
import sys

from receiver import verify_webhook_signature


def verify(case):
    try:
        # As receiver.py: the raw body decoded as UTF-8 with replacement characters.
        payload = base64.b64decode(case["body"]).decode("utf-8", errors="replace")
        return "true" if verify_webhook_signature(payload, case["signature"], case["secret"]) else "false"
    except Exception as e:  # noqa: BLE001 - any failure is a failed verification
        return "throw:" + str(e).replace("\n", " ")


def main(path):
    with open(path, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    sys.stdout.write("\n".join(verify(c) for c in cases) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
