<?php
// The X-RealCast-Signature check, as docs/RECEIVING.md shows it for PHP: HMAC-SHA256 keyed with the
// secret string, over the raw body, 'sha256=' + lowercase hex, compared with hash_equals.
function verifyWebhookSignature($payload, $signature, $secret) {
    $expectedSignature = 'sha256=' . hash_hmac('sha256', $payload, $secret);
    return hash_equals($signature, $expectedSignature);
}
