// The X-RealCast-Signature check, as docs/RECEIVING.md shows it for Node.js: HMAC-SHA256 keyed with
// the secret string, over JSON.stringify(req.body), 'sha256=' + lowercase hex, compared in constant time.
// crypto.timingSafeEqual throws when the lengths differ (a missing prefix, say): the caller treats
// a throw as a failed check.
const crypto = require('crypto');

function verifySignature(payload, signature, secret) {
  const hmac = crypto.createHmac('sha256', secret);
  const expectedSignature = 'sha256=' + hmac.update(payload).digest('hex');
  return crypto.timingSafeEqual(
    Buffer.from(signature),
    Buffer.from(expectedSignature)
  );
}

module.exports = { verifySignature };
