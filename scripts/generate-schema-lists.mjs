// Build step (npm run build, before compile-schemas): writes the lists of managed types in the
// shipped schemas from the resource descriptors (src/model/schema-lists.ts). Rewrites a file only
// when its text changes.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemaText, withTypeLists } from '../dist/model/schema-lists.js';
import { SHIPPED_SCHEMAS_DIR } from '../dist/model/schemas.js';

for (const name of ['instance.schema.json', 'plan.schema.json']) {
  const file = path.join(SHIPPED_SCHEMAS_DIR, name);
  const text = readFileSync(file, 'utf8');
  const generated = schemaText(withTypeLists(name, JSON.parse(text)));
  if (generated !== text) {
    writeFileSync(file, generated);
    console.log(`generate-schema-lists: ${name} updated from the resource descriptors`);
  }
}
