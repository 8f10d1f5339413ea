// A Node.js / Express webhook receiver, as docs/RECEIVING.md describes one:
// - express.json() parses the body; the signature is checked over JSON.stringify(req.body) with
//   verifySignature (signature.js), which throws when the lengths differ: a failed check too;
// - duplicates are recognised by X-RealCast-Webhook-Id, acknowledged and skipped;
// - received / processed / failed counters, served at GET /webhooks/stats.
// A signature that does not verify counts as failed, so the stats show whether every request verified.
//
//   WEBHOOK_SECRET=whsec_... PORT=3000 HOST=127.0.0.1 node server.js
const express = require('express');
const { verifySignature } = require('./signature');

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
    if (!signatureIsValid(payload, signature, process.env.WEBHOOK_SECRET)) {
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

// A missing header or one of another length makes timingSafeEqual throw: that is a forgery, not an error.
function signatureIsValid(payload, signature, secret) {
  try {
    return verifySignature(payload, signature || '', secret);
  } catch (e) {
    return false;
  }
}

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const server = app.listen(port, host, () => {
  // Tests wait for this line before sending anything.
  console.log(`Receiver listening on http://${host}:${server.address().port}/webhooks/realcast`);
});
