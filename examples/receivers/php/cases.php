<?php
// Runs many signature cases through signature.php's verifyWebhookSignature, in one process.
//
//   php cases.php FILE   - FILE: one {"body": base64, "signature": ..., "secret": ...} per line;
//                          prints "true", "false" or "throw:<message>" per line
require __DIR__ . '/signature.php';

$out = [];
foreach (file($argv[1], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    $case = json_decode($line, true);
    try {
        // As receiver.php: the raw body, byte for byte.
        $out[] = verifyWebhookSignature(base64_decode($case['body']), $case['signature'], $case['secret']) ? 'true' : 'false';
    } catch (Throwable $e) {
        $out[] = 'throw:' . str_replace("\n", ' ', $e->getMessage());
    }
}
echo implode("\n", $out), "\n";
