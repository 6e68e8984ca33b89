import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { loadInstance, type LoadedInstance } from './instance.js';
import type { ParseCache } from './parse-cache.js';
import { RULES, runRules, type ValidationRule } from './rules/index.js';
import type { SchemaSet } from './schemas.js';

export interface ValidationResult {
  instance: LoadedInstance;
  diagnostics: Diagnostic[];
}

/** Everything `zdctl validate` checks for one instance, offline: files, schemas, Zendesk's rules. */
export function validateInstance(repoDir: string, name: string, schemas: SchemaSet, rules: readonly ValidationRule[] = RULES, { cache }: { cache?: ParseCache } = {}): ValidationResult {
  const instance = loadInstance(repoDir, name, schemas, { cache });
  const diagnostics = [...instance.diagnostics, ...runRules(instance, rules)];
  // A refused run writes nothing, the cache included; it still reads what an earlier valid run kept.
  if (!hasErrors(diagnostics)) cache?.save();
  return { instance, diagnostics: sortDiagnostics(diagnostics) };
}
