/**
 * Failed sign-ins, limited three ways so that guessing is slow and nobody can lock an
 * owner out from one address (OWASP ASVS 2.2.1):
 * - per address and account: one account guessed from one place;
 * - per address: many accounts sprayed from one place;
 * - per account, from everywhere: at most 100 failures an hour, set above what one address
 *   may make, so a lock-out takes many addresses.
 * Only failures count; a success clears that address's count for that account.
 */
import { RateLimiter } from './rate-limit';

export class SignInLimits {
  readonly perAddressAndAccount = new RateLimiter(10, 60_000);
  readonly perAddress = new RateLimiter(30, 10 * 60_000);
  readonly perAccount = new RateLimiter(100, 60 * 60_000);

  /** ms to wait before this address may try this account, or 0. */
  wait(address: string, account: string, now: number): number {
    return Math.max(
      this.perAddressAndAccount.blockedFor(`${address}|${account}`, now),
      this.perAddress.blockedFor(address, now),
      this.perAccount.blockedFor(account, now),
    );
  }

  failed(address: string, account: string, now: number): void {
    this.perAddressAndAccount.take(`${address}|${account}`, now);
    this.perAddress.take(address, now);
    this.perAccount.take(account, now);
  }

  succeeded(address: string, account: string): void {
    this.perAddressAndAccount.reset(`${address}|${account}`);
  }
}
