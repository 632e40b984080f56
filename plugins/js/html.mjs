// Turns a Cucumber Messages NDJSON stream into an HTML page with @cucumber/html-formatter.
// Usage: node html.mjs messages.ndjson out.html
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CucumberHtmlStream } from '@cucumber/html-formatter';

const envelopes = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
await pipeline(Readable.from(envelopes), new CucumberHtmlStream(), fs.createWriteStream(process.argv[3]));
