<?php
// A PHP webhook receiver, as docs/RECEIVING.md describes one, for PHP's built-in server:
//
//   WEBHOOK_SECRET=whsec_... php -S 127.0.0.1:3000 receiver.php
//
// - The signature is checked over the raw body (php://input) with verifyWebhookSignature.
// - Duplicates are recognised by X-RealCast-Webhook-Id, acknowledged and skipped.
// - received / processed / failed counters are served at GET /webhooks/stats; a signature that does
//   not verify counts as failed. Each request is a fresh PHP run, so the state is kept in a file
//   (STATE_FILE, default in the temp directory, one per port).
require __DIR__ . '/signature.php';

$stateFile = getenv('STATE_FILE') ?: sys_get_temp_dir() . '/realcast-php-receiver-' . $_SERVER['SERVER_PORT'] . '.json';

function withState($file, callable $change) {
    $handle = fopen($file, 'c+');
    flock($handle, LOCK_EX);
    $text = stream_get_contents($handle);
    $state = $text ? json_decode($text, true) : ['stats' => ['received' => 0, 'processed' => 0, 'failed' => 0], 'ids' => []];
    $result = $change($state);
    ftruncate($handle, 0);
    rewind($handle);
    fwrite($handle, json_encode($state));
    fflush($handle);
    flock($handle, LOCK_UN);
    fclose($handle);
    return $result;
}

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);

if ($_SERVER['REQUEST_METHOD'] === 'GET' && $path === '/webhooks/stats') {
    header('Content-Type: application/json');
    echo withState($stateFile, fn (&$state) => json_encode($state['stats']));
    return;
}
if ($_SERVER['REQUEST_METHOD'] !== 'POST' || $path !== '/webhooks/realcast') {
    http_response_code(404);
    echo 'Not found';
    return;
}

$payload = file_get_contents('php://input');
$signature = $_SERVER['HTTP_X_REALCAST_SIGNATURE'] ?? '';
$webhookId = $_SERVER['HTTP_X_REALCAST_WEBHOOK_ID'] ?? '';
$secret = getenv('WEBHOOK_SECRET');

$status = withState($stateFile, function (&$state) use ($payload, $signature, $webhookId, $secret) {
    $state['stats']['received']++;
    if (!verifyWebhookSignature($payload, $signature, $secret)) {
        $state['stats']['failed']++;
        return 401;
    }
    if (isset($state['ids'][$webhookId])) {
        return 200; // a duplicate: acknowledged, not processed again
    }
    $state['ids'][$webhookId] = true;
    $data = json_decode($payload, true);
    error_log($data['event'] . ' for ' . ($data['data']['stream_id'] ?? '-'));
    $state['stats']['processed']++;
    return 200;
});

http_response_code($status);
echo $status === 200 ? 'OK' : 'Invalid signature';
