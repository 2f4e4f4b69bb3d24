import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { asyncApiYaml } from './asyncapi';

describe('docs/asyncapi.yaml', () => {
  it('is generated from the current schemas (run scripts/build-asyncapi.ts)', () => {
    expect(readFileSync('docs/asyncapi.yaml', 'utf8')).toBe(asyncApiYaml());
  });

  it('is a valid AsyncAPI 3 document for the official parser', async () => {
    const { document, diagnostics } = await new Parser().parse(asyncApiYaml());
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document?.channels().length).toBe(5);
    expect(document?.version()).toBe('3.0.0');
  });
});
