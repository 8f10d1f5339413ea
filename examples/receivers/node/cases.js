// Runs many cases through the same code as server.js, in one process, for the signature tests.
//   node cases.js restringify FILE  - FILE: one base64 body per line; prints base64 of
//                                     JSON.stringify(JSON.parse(body)) per line, or "error:<message>"
//   node cases.js verify FILE       - FILE: one {"body": base64, "signature": …, "secret": …} per line;
//                                     prints "true", "false" or "throw:<message>" per line
'use strict';
const fs = require('fs');
const { verifySignature } = require('./signature');

function restringify(line) {
  try {
    const text = Buffer.from(line, 'base64').toString('utf8');
    return Buffer.from(JSON.stringify(JSON.parse(text)), 'utf8').toString('base64');
  } catch (e) {
    return 'error:' + String(e.message).replace(/\n/g, ' ');
  }
}

// As server.js: express.json() parses the UTF-8 body, the check runs on JSON.stringify(req.body).
function verify(line) {
  const c = JSON.parse(line);
  try {
    const reqBody = JSON.parse(Buffer.from(c.body, 'base64').toString('utf8'));
    return String(verifySignature(JSON.stringify(reqBody), c.signature, c.secret));
  } catch (e) {
    return 'throw:' + String(e.message).replace(/\n/g, ' ');
  }
}

const modes = { restringify, verify };
const [mode, file] = process.argv.slice(2);
if (!modes[mode] || !file) {
  process.stderr.write('usage: node cases.js restringify|verify FILE\n');
  process.exit(2);
}
const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
process.stdout.write(lines.map(modes[mode]).join('\n') + '\n');
