// Re-creates gitlab-ci.schema.json from the copy of GitLab's CI schema that gitlab-ci-local bundles.
//   cd "$(mktemp -d)" && npm pack gitlab-ci-local@4.75.1 && tar xzf gitlab-ci-local-4.75.1.tgz
//   node <repo>/ci/schema/extract.mjs package/dist/index.js > <repo>/ci/schema/gitlab-ci.schema.json
// The bundle holds the schema as one JavaScript object literal (strings, numbers, !0/!1, arrays,
// objects); this finds it by its $id, cuts it out by bracket matching and prints it as JSON.
import { readFileSync } from 'node:fs';

const source = readFileSync(process.argv[2] ?? 'package/dist/index.js', 'utf8');
const marker = '{$schema:"http://json-schema.org/draft-07/schema#",$id:"https://gitlab.com/.gitlab-ci.yml"';
const start = source.indexOf(marker);
if (start < 0 || source.indexOf(marker, start + 1) >= 0) throw new Error('the schema literal was not found exactly once');
let depth = 0;
let quote = null;
let end = start;
for (; end < source.length; end++) {
  const c = source[end];
  if (quote) {
    if (c === '\\') end++;
    else if (c === quote) quote = null;
    continue;
  }
  if (c === '"' || c === "'" || c === '`') quote = c;
  else if (c === '{' || c === '[') depth++;
  else if ((c === '}' || c === ']') && --depth === 0) {
    end++;
    break;
  }
}
const literal = source.slice(start, end);
if (/\$\{/.test(literal.replace(/"(?:[^"\\]|\\.)*"/g, ''))) throw new Error('the literal holds a template expression');
const schema = new Function(`return (${literal});`)();
process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
