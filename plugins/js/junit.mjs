// Turns a Cucumber Messages NDJSON stream into JUnit XML with @cucumber/junit-xml-formatter and prints the
// counts of the (first) testsuite. Usage: node junit.mjs messages.ndjson out.xml -> {"tests":N,"failures":N,...}
import fs from 'node:fs';
import { JUnitXmlPrinter } from '@cucumber/junit-xml-formatter';

let xml = '';
const printer = new JUnitXmlPrinter({ suiteName: 'Stepwise' }, (content) => { xml += content; });
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line.trim() !== '') {
    printer.update(JSON.parse(line));
  }
}
if (xml === '') {
  console.error('the formatter wrote nothing (no testRunFinished?)');
  process.exit(1);
}
fs.writeFileSync(process.argv[3], xml);
const suite = /<testsuite\b([^>]*)>/.exec(xml);
const attr = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(suite[1]) || [])[1] || 0);
const testcases = (xml.match(/<testcase\b/g) || []).length;
console.log(JSON.stringify({ tests: attr('tests'), failures: attr('failures'), errors: attr('errors'),
  skipped: attr('skipped'), testcases }));
