// Passwords: argon2id with parameters measured on the target machines (docs/benchmarks.md), at least
// 12 characters, and never one from the bundled list of common passwords.
import { hash, verify } from '@node-rs/argon2';
import type { ReasonCode, ReasonParams } from '../../platform/i18n/reasons.ts';

/** argon2id, 64 MiB, 3 passes, 1 lane: OWASP's first recommendation; ≈ 150–250 ms per hash here. */
/** `algorithm: 2` is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax). */
export const ARGON2_PARAMS = { algorithm: 2, memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let common: Promise<Set<string>> | null = null;
/** The ≈49 000 most common passwords, from @zxcvbn-ts/language-common, loaded on first use (not at start). */
function loadCommonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())),
  );
  return common;
}

/** Why a new password is refused (a reason code of the catalogue, with its parameters), or null when it is acceptable. */
export async function passwordProblem(
  password: string,
  email?: string,
): Promise<{ code: ReasonCode; params?: ReasonParams } | null> {
  const list = await loadCommonPasswords();
  const commonPasswords = () => list;
  if (password.length < MIN_PASSWORD_LENGTH) return { code: 'tooShort', params: { n: MIN_PASSWORD_LENGTH } };
  if (password.length > MAX_PASSWORD_LENGTH) return { code: 'tooLong', params: { n: MAX_PASSWORD_LENGTH } };
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return { code: 'common' };
  if (new Set(lower).size <= 3) return { code: 'repetitive' };
  // A common password repeated or padded with digits is still a common password.
  const core = lower.replace(/[\d\W_]+$/u, '');
  const half = core.slice(0, core.length / 2);
  if (core.length >= 4 && (commonPasswords().has(core) || (core === half.repeat(2) && commonPasswords().has(half)))) {
    return { code: 'common' };
  }
  if (email && lower.includes(email.toLowerCase().split('@')[0]) && email.split('@')[0].length >= 4) {
    return { code: 'containsEmail' };
  }
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist takes as long as a real check, so the time of
// an answer does not tell whether an address has an account.
let decoy: Promise<string> | null = null;
export async function spendVerifyTime(password: string): Promise<void> {
  decoy ??= hashPassword('decoy password that never matches anything');
  await verifyPassword(await decoy, password);
}
