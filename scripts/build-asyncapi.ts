/** Writes docs/asyncapi.yaml from the contract's schemas: `node --import tsx scripts/build-asyncapi.ts`. */
import { writeFileSync } from 'node:fs';
import { asyncApiYaml } from '../lib/contracts/asyncapi';

writeFileSync('docs/asyncapi.yaml', asyncApiYaml());
console.log('wrote docs/asyncapi.yaml');
