// Zendesk's own words from an error answer, in each body shape Zendesk uses:
//   {"error":"RecordNotFound","description":"Not found"}
//   {"error":"RecordInvalid","description":"...","details":{"title":[{"description":"cannot be blank","error":"BlankValue"}]}}
//   {"error":"Couldn't authenticate you"}
//   {"error":{"title":"...","message":"..."}}
//   {"errors":[{"code":"TriggerCategoryNotEmpty","title":"..."}]}
//   plain text, or nothing at all.

const MAX_TEXT = 300;

export function zendeskMessageOf(body: unknown, statusText: string): string {
  if (typeof body === 'string') return plainText(body) || statusText;
  if (!isRecord(body)) return statusText;
  return fromErrorsArray(body.errors) ?? fromErrorField(body) ?? fromDescription(body) ?? statusText;
}

function fromErrorField(body: Record<string, unknown>): string | undefined {
  const error = body.error;
  if (isRecord(error)) return joinParts([text(error.title), text(error.message)], ': ');
  const code = text(error);
  const explanation = fromDetails(body.details) ?? text(body.description);
  if (code === undefined) return undefined;
  return explanation === undefined ? code : `${code}: ${explanation}`;
}

function fromDescription(body: Record<string, unknown>): string | undefined {
  return fromDetails(body.details) ?? text(body.description) ?? text(body.message);
}

function fromErrorsArray(errors: unknown): string | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const lines = errors.map(describeErrorsEntry).filter((line): line is string => line !== undefined);
  return lines.length > 0 ? lines.join('; ') : undefined;
}

function describeErrorsEntry(entry: unknown): string | undefined {
  if (!isRecord(entry)) return text(entry);
  const code = text(entry.code);
  const title = text(entry.title) ?? text(entry.detail) ?? text(entry.message);
  return joinParts([code, title], ': ');
}

function fromDetails(details: unknown): string | undefined {
  if (Array.isArray(details)) return joinParts(details.map((detail) => describeDetail(undefined, detail)), '; ');
  if (!isRecord(details)) return text(details);
  const lines: string[] = [];
  for (const [field, problems] of Object.entries(details)) {
    const list = Array.isArray(problems) ? problems : [problems];
    for (const problem of list) {
      const line = describeDetail(field, problem);
      if (line !== undefined) lines.push(line);
    }
  }
  return lines.length > 0 ? lines.join('; ') : undefined;
}

function describeDetail(field: string | undefined, problem: unknown): string | undefined {
  const description = isRecord(problem) ? (text(problem.description) ?? text(problem.error)) : text(problem);
  if (description === undefined) return undefined;
  if (field === undefined || field === 'base' || startsWithField(description, field)) return description;
  return `${field}: ${description}`;
}

/** Zendesk often writes "Title: cannot be blank" already; do not say "title: Title: ...". */
function startsWithField(description: string, field: string): boolean {
  const words = field.replace(/_/g, ' ').toLowerCase();
  return description.toLowerCase().startsWith(`${words}:`) || description.toLowerCase().startsWith(`${field.toLowerCase()}:`);
}

function joinParts(parts: Array<string | undefined>, separator: string): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined);
  return present.length > 0 ? present.join(separator) : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return plainText(value) || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function plainText(value: string): string {
  const withoutTags = value.trimStart().startsWith('<') ? value.replace(/<[^>]*>/g, ' ') : value;
  const oneLine = withoutTags.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT)}…` : oneLine;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
