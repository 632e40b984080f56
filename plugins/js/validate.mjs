// Validates a Cucumber Messages NDJSON stream against the JSON Schema shipped in @cucumber/messages
// (draft 2020-12) and checks that every envelope has exactly one key.
// Usage: node validate.mjs messages.ndjson   -> prints {"envelopes":N,"counts":{...}}; exit 1 on any error.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

// The package's "exports" hide the file from require.resolve; it ships at the package root.
const here = path.dirname(fileURLToPath(import.meta.url));
const schemaPath = path.join(here, 'node_modules', '@cucumber', 'messages', 'messages.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

// Every id a message refers to must have been defined by an earlier message (a stream is read in order).
const defined = new Set();
const define = (id) => { if (id !== undefined) defined.add(id); };
const defineAst = (node) => {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) { node.forEach(defineAst); return; }
  if (typeof node.id === 'string') define(node.id);
  Object.values(node).forEach(defineAst);
};
function checkRefs(envelope, at) {
  const ref = (id, what) => { if (id !== undefined && !defined.has(id)) errors.push(`${at}: ${what} ${id} refers to nothing defined before`); };
  const [key] = Object.keys(envelope);
  const m = envelope[key];
  switch (key) {
    case 'gherkinDocument': defineAst(m.feature); break;
    case 'pickle': define(m.id); m.steps.forEach((s) => { define(s.id); s.astNodeIds.forEach((a) => ref(a, 'pickleStep.astNodeId')); }); m.astNodeIds.forEach((a) => ref(a, 'pickle.astNodeId')); break;
    case 'stepDefinition': case 'hook': case 'testRunStarted': define(m.id); break;
    case 'testCase':
      ref(m.pickleId, 'testCase.pickleId'); ref(m.testRunStartedId, 'testCase.testRunStartedId'); define(m.id);
      m.testSteps.forEach((s) => { define(s.id); ref(s.pickleStepId, 'testStep.pickleStepId'); ref(s.hookId, 'testStep.hookId');
        (s.stepDefinitionIds || []).forEach((d) => ref(d, 'testStep.stepDefinitionId')); });
      break;
    case 'testCaseStarted': ref(m.testCaseId, 'testCaseStarted.testCaseId'); define(m.id); break;
    case 'testStepStarted': case 'testStepFinished': ref(m.testCaseStartedId, key + '.testCaseStartedId'); ref(m.testStepId, key + '.testStepId'); break;
    case 'testCaseFinished': ref(m.testCaseStartedId, 'testCaseFinished.testCaseStartedId'); break;
    case 'attachment': ref(m.testCaseStartedId, 'attachment.testCaseStartedId'); ref(m.testStepId, 'attachment.testStepId'); break;
    case 'testRunFinished': ref(m.testRunStartedId, 'testRunFinished.testRunStartedId'); break;
    default: break;
  }
}

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '');
const counts = {};
const errors = [];
lines.forEach((line, i) => {
  let envelope;
  try {
    envelope = JSON.parse(line);
  } catch (e) {
    errors.push(`line ${i + 1}: not JSON: ${e.message}`);
    return;
  }
  const keys = Object.keys(envelope);
  if (keys.length !== 1) {
    errors.push(`line ${i + 1}: envelope must have exactly one key, has ${JSON.stringify(keys)}`);
  }
  keys.forEach((k) => { counts[k] = (counts[k] || 0) + 1; });
  if (keys.length === 1) checkRefs(envelope, `line ${i + 1}`);
  if (!validate(envelope)) {
    errors.push(`line ${i + 1}: ${ajv.errorsText(validate.errors)}`);
  }
});
if (errors.length > 0) {
  console.error(errors.join('\n'));
  process.exit(1);
}
console.log(JSON.stringify({ envelopes: lines.length, counts }));
