// The integration guide's Node.js / Express receiver, kept as close to the guide as possible:
// - Quick Start: express.json(), JSON.stringify(req.body), HMAC-SHA256 keyed with the secret string,
//   'sha256=' prefix, crypto.timingSafeEqual (which throws when the lengths differ, as in the guide);
// - "Implement Idempotency": a Set of X-RealCast-Webhook-Id values, duplicates acknowledged and skipped;
// - "Monitor Webhook Health": received / processed / failed, served at GET /webhooks/stats.
// The only additions: PORT and HOST come from the environment (the guide hard-codes 3000), and a
// signature that does not verify counts as failed, so the stats show whether every request verified.
//
//   WEBHOOK_SECRET=whsec_... PORT=3000 node server.js
const express = require('express');
const crypto = require('crypto');

const app = express();
app.use(express.json());

const processedWebhooks = new Set();

const webhookStats = {
  received: 0,
  processed: 0,
  failed: 0
};

app.post('/webhooks/realcast', async (req, res) => {
  webhookStats.received++;

  try {
    const signature = req.headers['x-realcast-signature'];
    const payload = JSON.stringify(req.body);

    // Verify webhook signature
    if (!verifySignature(payload, signature, process.env.WEBHOOK_SECRET)) {
      webhookStats.failed++;
      return res.status(401).send('Invalid signature');
    }

    const webhookId = req.headers['x-realcast-webhook-id'];
    if (processedWebhooks.has(webhookId)) {
      console.log('Duplicate webhook, skipping');
      return res.status(200).send('OK');
    }
    processedWebhooks.add(webhookId);

    // Process webhook
    await processWebhook(req.body);
    webhookStats.processed++;
    // Always respond with 200 to acknowledge receipt
    res.status(200).send('OK');
  } catch (error) {
    webhookStats.failed++;
    console.error('Webhook processing failed:', error);
    res.status(500).send('Error');
  }
});

app.get('/webhooks/stats', (req, res) => {
  res.json(webhookStats);
});

async function processWebhook(body) {
  // Process event
  const { event, data } = body;

  switch (event) {
    case 'stream.live':
      console.log(`Stream ${data.stream_id} went live`);
      // Notify users, update database, etc.
      break;

    case 'stream.offline':
      console.log(`Stream ${data.stream_id} ended`);
      // Archive stream, send email, etc.
      break;

    case 'viewer.joined':
      console.log(`New viewer: ${data.viewer_id}`);
      break;

    default:
      console.log(`Unhandled event: ${event}`);
  }
}

function verifySignature(payload, signature, secret) {
  const hmac = crypto.createHmac('sha256', secret);
  const expectedSignature = 'sha256=' + hmac.update(payload).digest('hex');
  return crypto.timingSafeEqual(
    Buffer.from(signature),
    Buffer.from(expectedSignature)
  );
}

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const server = app.listen(port, host, () => {
  // Tests wait for this line before sending anything.
  console.log(`Seed receiver listening on http://${host}:${server.address().port}/webhooks/realcast`);
});
