import fc from 'fast-check';
import { stringify } from 'yaml';

/**
 * Random valid instances: a few objects of every managed type, written as the files a user would
 * write (through the yaml library, so any text is quoted correctly), with references between them
 * ("Field: X" in conditions, forms and views; "Category: X" on triggers) and sometimes an order file.
 */
export type InstanceFiles = Record<string, string>;

export interface GeneratedInstance {
  files: InstanceFiles;
  /** natural keys per type, as the files define them */
  keys: Record<string, string[]>;
}

const UNMANAGED = { triggers: 'delete', automations: 'delete', views: 'delete', macros: 'delete', ticket_fields: 'delete', user_fields: 'delete', organization_fields: 'delete', trigger_categories: 'delete', ticket_forms: 'delete' };

/** Names: letters, digits, spaces and some punctuation and non-ASCII, trimmed, never a reference prefix. */
const name = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_&()é☕ß'.split('').map((c) => c)), { minLength: 1, maxLength: 18 })
  .map((chars) => `N${chars.join('').replace(/\s+/g, ' ').trim()}`);

/** Free text, as Zendesk keeps it: any printable text, newlines and quotes included. */
const text = fc.string({ unit: fc.constantFrom(...'abc xyz\n\'"#:-{}[]é☕\t'.split('')), maxLength: 40 });

const tag = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);

const uniqueNames = (min: number, max: number) => fc.uniqueArray(name, { minLength: min, maxLength: max, selector: (n) => n.toLowerCase() });

function file(schema: string, value: unknown, depth = 3): string {
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}schemas/${schema}.schema.json\n${stringify(value)}`;
}

const slug = (key: string, index: number) => `${index}-${key.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x'}`;

interface TicketField {
  title: string;
  type: 'text' | 'checkbox' | 'tagger' | 'integer';
  options: string[];
}

export const generatedInstance: fc.Arbitrary<GeneratedInstance> = fc
  .record({
    names: uniqueNames(20, 24),
    fieldTypes: fc.array(fc.constantFrom('text', 'checkbox', 'tagger', 'integer') as fc.Arbitrary<TicketField['type']>, { maxLength: 4 }),
    optionTags: fc.uniqueArray(tag, { minLength: 12, maxLength: 12 }),
    texts: fc.array(text, { minLength: 12, maxLength: 12 }),
    flags: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
    counts: fc.record({ macros: fc.nat(3), triggers: fc.nat(3), automations: fc.nat(2), views: fc.nat(2), categories: fc.integer({ min: 1, max: 2 }), userFields: fc.nat(2), forms: fc.nat(1) }),
    userKeys: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/), { minLength: 2, maxLength: 2 }),
    orderSeed: fc.nat(),
  })
  .map(({ names, fieldTypes, optionTags, texts, flags, counts, userKeys, orderSeed }) => {
    const take = (() => {
      let next = 0;
      return () => names[next++ % names.length]!;
    })();
    const files: InstanceFiles = { 'instance.yaml': `subdomain: props\nunmanaged:\n${Object.entries(UNMANAGED).map(([t, p]) => `  ${t}: ${p}`).join('\n')}\n` };
    const keys: Record<string, string[]> = {};
    const add = (type: string, key: string, schema: string, value: unknown) => {
      keys[type] = [...(keys[type] ?? []), key];
      files[`${type}/${slug(key, keys[type].length)}.yaml`] = file(schema, value);
    };
    let flag = 0;
    const nextFlag = () => flags[flag++ % flags.length]!;
    let textIndex = 0;
    const nextText = () => texts[textIndex++ % texts.length]!;

    const fields: TicketField[] = fieldTypes.map((type, i) => ({ title: take(), type, options: type === 'tagger' ? optionTags.slice(i * 3, i * 3 + 2 + (i % 2)) : [] }));
    for (const field of fields) {
      add('ticket_fields', field.title, 'ticket_field', {
        title: field.title,
        type: field.type,
        description: nextText(),
        active: nextFlag(),
        ...(field.type === 'tagger' ? { custom_field_options: field.options.map((value, i) => ({ name: `${value} ${i}`, value })) } : {}),
      });
    }
    if (fields.length > 1 && nextFlag()) files['ticket_fields/_order.yaml'] = file('order', rotate(fields.map((f) => f.title), orderSeed));

    for (const key of userKeys.slice(0, counts.userFields)) {
      add('user_fields', key, 'user_field', { key, type: nextFlag() ? 'text' : 'checkbox', title: take(), description: nextText() });
    }

    const tagger = fields.find((f) => f.type === 'tagger');
    const conditionOn = tagger ? { field: `Field: ${tagger.title}`, operator: 'is', value: tagger.options[0] } : { field: 'priority', operator: 'is', value: 'high' };

    for (let i = 0; i < counts.forms && fields.length > 0; i++) {
      const form = take();
      add('ticket_forms', form, 'ticket_form', { name: form, active: true, ticket_field_ids: ['Field: Subject', 'Field: Description', ...fields.map((f) => `Field: ${f.title}`)] });
    }

    const categories = Array.from({ length: counts.categories }, () => take());
    const triggerTitles: string[] = [];
    for (const category of categories) add('trigger_categories', category, 'trigger_category', { name: category });
    for (let i = 0; i < counts.triggers; i++) {
      const title = take();
      triggerTitles.push(title);
      add('triggers', title, 'trigger', {
        title,
        description: nextText(),
        active: nextFlag(),
        category_id: `Category: ${categories[i % categories.length]}`,
        conditions: { all: [{ field: 'update_type', operator: 'is', value: nextFlag() ? 'Create' : 'Change' }, ...(nextFlag() ? [conditionOn] : [])], any: [] },
        actions: [{ field: 'priority', value: nextFlag() ? 'urgent' : 'low' }, ...(nextFlag() ? [{ field: 'comment_value', value: nextText() }] : [])],
      });
    }
    for (let i = 0; i < counts.automations; i++) {
      const title = take();
      add('automations', title, 'automation', {
        title,
        active: nextFlag(),
        conditions: { all: [{ field: 'status', operator: 'is', value: 'pending' }, { field: 'PENDING', operator: 'greater_than', value: String(24 + i) }], any: [] },
        actions: [{ field: 'status', value: 'solved' }],
      });
    }
    for (let i = 0; i < counts.views; i++) {
      const title = take();
      add('views', title, 'view', {
        title,
        active: nextFlag(),
        conditions: { all: [{ field: 'status', operator: 'less_than', value: 'solved' }], any: nextFlag() ? [conditionOn] : [] },
        output: { columns: ['nice_id', 'description', ...(tagger ? [`Field: ${tagger.title}`] : []), 'updated'], sort_by: 'updated', sort_order: nextFlag() ? 'asc' : 'desc' },
      });
    }
    for (let i = 0; i < counts.macros; i++) {
      const title = take();
      add('macros', title, 'macro', {
        title,
        description: nextText(),
        active: nextFlag(),
        actions: [{ field: 'status', value: 'open' }, { field: 'comment_value', value: nextText() }, ...(nextFlag() ? [{ field: 'set_tags', value: optionTags[11] }] : [])],
      });
    }
    if ((keys.macros?.length ?? 0) > 1 && nextFlag()) files['macros/_order.yaml'] = file('order', rotate(keys.macros!, orderSeed));
    return { files, keys };
  });

function rotate<T>(items: T[], seed: number): T[] {
  const shift = seed % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
