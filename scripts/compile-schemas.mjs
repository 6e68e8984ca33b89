// Build step (npm run build): compiles the shipped JSON Schemas to standalone validator code,
// so that no zdctl run spends time compiling them (about half a second at every start).
// The module records the digest of the schema texts it was built from; SchemaSet compiles at
// run time instead when the schemas no longer match it (edited after the build).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ajvWithSchemas, readSchemaFiles, schemasDigest } from '../dist/model/schema-compiler.js';
import { SHIPPED_SCHEMAS_DIR, PRECOMPILED_VALIDATORS } from '../dist/model/schemas.js';

const require = createRequire(import.meta.url);
const standaloneCode = require('ajv/dist/standalone').default;

const files = readSchemaFiles(SHIPPED_SCHEMAS_DIR);
const ajv = ajvWithSchemas(files, { forStandaloneCode: true });
const code = standaloneCode(ajv, Object.fromEntries(files.map(({ name }) => [name, name])));
writeFileSync(PRECOMPILED_VALIDATORS, `${code}\nexports.schemasDigest = ${JSON.stringify(schemasDigest(files))};\n`);
