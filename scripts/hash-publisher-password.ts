/** `npm run hash-publisher-password -- 'secret'`: prints a hash for a publishers file (config/publishers.json). */
import { hashPublisherPassword } from '../lib/auth/publisher-hash';

const password = process.argv[2];
if (!password) {
  console.error("usage: npm run hash-publisher-password -- 'password'");
  process.exit(2);
}
console.log(hashPublisherPassword(password));
