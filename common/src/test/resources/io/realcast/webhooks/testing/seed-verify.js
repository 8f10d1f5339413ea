// The integration guide's Node.js receiver check, run as the guide's Express handler runs it:
// payload = JSON.stringify(req.body) where req.body = JSON.parse(raw body as UTF-8).
// Input: a file with one JSON object per line: {"body": base64 raw body, "signature": header, "secret": secret}.
// Output: one line per case: "true", "false", or "throw:<message>" (e.g. timingSafeEqual on unequal lengths).
'use strict';
const crypto = require('crypto');
const fs = require('fs');

// ---- verbatim from seed/webhook-integration-guide.md (SeedGuideTest checks it stays identical) ----
function verifySignature(payload, signature, secret) {
  const hmac = crypto.createHmac('sha256', secret);
  const expectedSignature = 'sha256=' + hmac.update(payload).digest('hex');
  return crypto.timingSafeEqual(
    Buffer.from(signature),
    Buffer.from(expectedSignature)
  );
}
// ---- end of the guide's code ----

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.length > 0);
const out = lines.map((line) => {
  const c = JSON.parse(line);
  try {
    const reqBody = JSON.parse(Buffer.from(c.body, 'base64').toString('utf8'));
    const payload = JSON.stringify(reqBody);
    return String(verifySignature(payload, c.signature, c.secret));
  } catch (e) {
    return 'throw:' + String(e.message).replace(/\n/g, ' ');
  }
});
process.stdout.write(out.join('\n') + '\n');
