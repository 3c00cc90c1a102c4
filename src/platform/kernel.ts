// The few types and helpers every feature shares, so that no feature reaches into another for them: the
// clock services are given (tests move it), where a request came from, random secrets compared in constant
// time, and the one way an e-mail address is compared.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The time, injected into every service so tests can move it (expiry, deadlines). */
export type Clock = () => Date;

/** Where a request came from: recorded in the audit log and on sessions. */
export interface Origin {
  ip: string;
  userAgent: string;
}

/** 256 random bits, URL-safe, with an optional prefix (`cn_` for API tokens). */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** An e-mail address as it is compared and looked up: trimmed, lower case. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
