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
export const textLimits = { plan: 1_000_000, long: 4_000, short: 200 } as const;

function limitOf(key: string): number {
  if (key === 'plan') return textLimits.plan;
  return longText.has(key) ? textLimits.long : textLimits.short;
}

/** Refuses any string in a mutation's input that is longer than its kind of text allows. */
export function checkTextLengths(input: object, path = ''): void {
  for (const [key, value] of Object.entries(input)) {
    const field = path ? `${path}.${key}` : key;
    const strings: [string, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [`${field}[${index}]`, item])
      : [[field, value]];
    for (const [name, item] of strings) {
      if (typeof item === 'string' && item.length > limitOf(key)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `${name} is ${item.length} characters long; at most ${limitOf(key)} are allowed`,
          name,
        );
      }
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        checkTextLengths(item, name);
      }
    }
  }
}
