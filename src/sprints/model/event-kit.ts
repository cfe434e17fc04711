import { z } from 'zod';

/**
 * What every seam writes its event schemas with. An event type is a list of zod schemas, one per
 * version it was ever stored at; the last is current, and its `z.infer` is the TypeScript payload.
 * Versions only grow: a payload change is a new schema at the end plus an upcaster from the one
 * before, because events stored at the older versions stay as they were written.
 */

export const id = z.string().min(1);
export const name = z.string().min(1);
export const hours = z.number().min(0);
export const list = <Item extends z.ZodType>(item: Item) => z.array(item).readonly();
export const hourRange = z.strictObject({ min: hours, max: hours });
export const hourWindow = z.strictObject({ from: hours, to: hours });

export const fact = <Shape extends z.ZodRawShape>(description: string, shape: Shape) =>
  z
    .strictObject({
      ...shape,
      at: z.iso.datetime().describe('When it happened, by the recording service’s clock.'),
    })
    .describe(description);

export const change = <Value extends z.ZodType>(value: Value) => ({ from: value, to: value });

type Changes<Shape extends z.ZodRawShape> = z.ZodObject<
  { [Key in keyof Shape]: z.ZodOptional<z.ZodObject<{ from: Shape[Key]; to: Shape[Key] }>> },
  z.core.$strict
>;

/** `{ field?: { from, to } }` for each field of an element: what a *Changed event carries. */
export function changesOf<Shape extends z.ZodRawShape>(shape: Shape): Changes<Shape> {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(shape)) {
    fields[key] = z.strictObject(change(value as z.ZodType)).optional();
  }
  return z
    .strictObject(fields)
    .describe('Each field that changed, with its value before and after.') as Changes<Shape>;
}

export const reason = z.string().describe('Why, as the coordinator put it.');

export const statusChange = <From extends string, To extends string>(from: From, to: To) => ({
  from: z.literal(from),
  to: z.literal(to),
});

/** The versions of one event type's payload, oldest first. */
export type Versions = readonly [z.ZodType, ...z.ZodType[]];
export type EventSchemas = Readonly<Record<string, Versions>>;

/** How a payload stored at version N becomes version N + 1. */
export type Upcaster = (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;
export type Upcasters<Schemas extends EventSchemas> = {
  readonly [Type in keyof Schemas]?: Readonly<Record<number, Upcaster>>;
};

type Last<List> = List extends readonly [...unknown[], infer Item] ? Item : never;
type DeepReadonly<T> = T extends (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends readonly (infer Item)[]
    ? readonly DeepReadonly<Item>[]
    : T extends object
      ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
      : T;

/** The events a set of schemas describes, each typed by its current version. */
export type EventsOf<Schemas extends EventSchemas> = {
  [Type in keyof Schemas & string]: {
    readonly type: Type;
    readonly data: DeepReadonly<z.infer<Last<Schemas[Type]>>>;
  };
}[keyof Schemas & string];

/** An event as decide drafts it: its type and data, before it is stamped with the time. */
export type Draft<Event extends { type: string; data: { at: string } }> = Event extends unknown
  ? Omit<Event['data'], 'at'> & { readonly type: Event['type'] }
  : never;
