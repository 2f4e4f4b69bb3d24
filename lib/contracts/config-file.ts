/** Checking a configuration file against its schema, with an error that names the file and the place. */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export function assertConfig<T extends TSchema>(schema: T, json: unknown, where: string): asserts json is Static<T> {
  if (Value.Check(schema, json)) return;
  const first = Value.Errors(schema, json).First();
  throw new Error(`${where}: ${first ? `${first.path || '/'} ${first.message}` : 'invalid'}`);
}
