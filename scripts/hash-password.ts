/** `npm run hash-password -- 'the password'`: prints a hash for a users file (config/users.json). */
import { hashPassword } from '../lib/auth/passwords';

const password = process.argv[2];
if (!password) {
  console.error("usage: npm run hash-password -- 'password'");
  process.exit(2);
}
console.log(hashPassword(password));
