import { AppError } from './errors.js';

/** Free text a person writes; everything else (ids, names, titles) is short. */
const longText = new Set([
  'body',
  'description',
  'answer',
  'reason',
  'resolution',
  'note',
  'result',
  'forceReason',
]);
export const textLimits = { plan: 2_000_000, long: 4_000, short: 200 } as const;

function limitOf(key: string): number {
  if (key === 'plan') return textLimits.plan;
  return longText.has(key) ? textLimits.long : textLimits.short;
}

/**
 * NUL, which PostgreSQL cannot store in text or jsonb, and UTF-16 surrogates that are not part
 * of a pair, which are no characters and cannot be written as UTF-8. With the `u` flag a pair
 * is one code point above U+FFFF, so the surrogate range matches only a lone half.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const unstorable = /\u0000|[\ud800-\udfff]/u;

/** Why a text cannot be recorded as it is, or null when it can. */
export function unstorableText(text: string): string | null {
  const found = unstorable.exec(text);
  if (!found) return null;
  const code = found[0].charCodeAt(0).toString(16).padStart(4, '0');
  return code === '0000'
    ? `contains a NUL character (U+0000) at offset ${found.index}`
    : `contains a lone UTF-16 surrogate (U+${code}) at offset ${found.index}`;
}

/** Refuses text that is over its length limit or that no database could store. */
export function checkText(text: string, field: string, limit: number): void {
  const problem = unstorableText(text);
  if (problem) throw new AppError('VALIDATION_FAILED', `${field} ${problem}`, field);
  if (text.length > limit) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${field} is ${text.length} characters long; at most ${limit} are allowed`,
      field,
    );
  }
}

/**
 * Checks every string of a mutation's input, nested objects and lists included, by its kind of
 * text. The field named is the path inside the input: `taskId`, `blocker.taskId`, `assignees[1]`.
 */
export function checkTexts(input: object, path = ''): void {
  for (const [key, value] of Object.entries(input)) {
    const field = path ? `${path}.${key}` : key;
    const items: [string, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [`${field}[${index}]`, item])
      : [[field, value]];
    for (const [name, item] of items) {
      if (typeof item === 'string') checkText(item, name, limitOf(key));
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        checkTexts(item, name);
      }
    }
  }
}

/** Every string of a parsed document (values and keys), checked for what cannot be stored. */
export function checkStorable(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const problem = unstorableText(value);
    if (problem) throw new AppError('VALIDATION_FAILED', `${path} ${problem}`, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkStorable(item, `${path}[${index}]`);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = unstorableText(key);
      if (problem) throw new AppError('VALIDATION_FAILED', `${path} key ${problem}`, path);
      checkStorable(item, `${path}.${key}`);
    }
  }
}
