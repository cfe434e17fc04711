import { registerEnumType } from '@nestjs/graphql';

/** A description for each value of a closed list: the compiler holds it to the list. */
export type ValueDescriptions<Values extends readonly string[]> = {
  readonly [Value in Values[number]]: string;
};

/**
 * A GraphQL enum from one of the service's closed lists, described as a whole and value by
 * value. Returns the enum object `@Field(() => ...)` takes.
 */
export function graphqlEnum<const Values extends readonly string[]>(
  values: Values,
  name: string,
  description: string,
  valueDescriptions: ValueDescriptions<Values>,
): { [Value in Values[number]]: Value } {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as {
    [Value in Values[number]]: Value;
  };
  const valuesMap = Object.fromEntries(
    values.map((value: Values[number]) => [value, { description: valueDescriptions[value] }]),
  ) as Partial<Record<Values[number], { description: string }>>;
  registerEnumType(enumObject, { name, description, valuesMap });
  return enumObject;
}
