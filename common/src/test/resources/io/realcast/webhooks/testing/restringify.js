// What the seed's Express receiver does to a body before verifying it: express.json() parses the
// UTF-8 text, then the handler calls JSON.stringify(req.body). Input: a file with one base64-encoded body
// per line. Output: one line per body, base64 of the UTF-8 bytes of JSON.stringify(JSON.parse(body)),
// or "error:<message>" if the body does not parse.
'use strict';
const fs = require('fs');

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.length > 0);
const out = lines.map((line) => {
  try {
    const text = Buffer.from(line, 'base64').toString('utf8');
    return Buffer.from(JSON.stringify(JSON.parse(text)), 'utf8').toString('base64');
  } catch (e) {
    return 'error:' + String(e.message).replace(/\n/g, ' ');
  }
});
process.stdout.write(out.join('\n') + '\n');
