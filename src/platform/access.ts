// The one place that decides who may do what. Each feature declares its rules beside its resource with
// defineRules(); authorize() checks a request against them, and scopeOf() turns the same rule into the
// set of States a list query may return (used as `state_code = any($n)` in SQL), so a list can never show
// more than a single read would allow.
import { AppError } from './errors.ts';

export const STATE_ROLES = ['focal_point', 'poc_diplomatic', 'poc_technical', 'rapporteur'] as const;
export const PLATFORM_ROLES = ['editor', 'directory_manager', 'administrator'] as const;
export const ROLES = ['member', ...STATE_ROLES, ...PLATFORM_ROLES] as const;
export type StateRole = (typeof STATE_ROLES)[number];
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export type Role = (typeof ROLES)[number];

export function isStateRole(role: string): role is StateRole {
  return (STATE_ROLES as readonly string[]).includes(role);
}

export interface Grant {
  role: Role;
  /** The State a State role is held for; null for membership and platform roles. */
  state: string | null;
}

export interface Actor {
  userId: string | null;
  email: string | null;
  displayName: string | null;
  /** Every role the user holds, effective or not. */
  grants: Grant[];
  /** The second factor was given in this session (or the token was made in such a session). */
  mfa: boolean;
  via: 'session' | 'token' | 'none';
  /** What a token may do; sessions may read and write. */
  scope: 'read' | 'write';
  sessionId: string | null;
  tokenId: string | null;
}

export const ANONYMOUS: Actor = {
  userId: null,
  email: null,
  displayName: null,
  grants: [],
  mfa: false,
  via: 'none',
  scope: 'read',
  sessionId: null,
  tokenId: null,
};

/** Roles other than membership only count once the second factor is given. */
export function effectiveGrants(actor: Actor): Grant[] {
  return actor.mfa ? actor.grants : actor.grants.filter((g) => g.role === 'member');
}

/** True when the user holds a role that needs a second factor and has not given one. */
export function needsSecondFactor(actor: Actor): boolean {
  return !actor.mfa && actor.grants.some((g) => g.role !== 'member');
}

export interface Rule {
  /** Anyone, signed in or not. */
  public?: boolean;
  /** Any signed-in user, on their own account. */
  self?: boolean;
  /** Platform roles that may act on any State's resource. */
  platform?: PlatformRole[];
  /** State roles that may act on their own State's resource. */
  state?: StateRole[];
  /** State roles that may act on any State's resource (e.g. officials reading the whole directory). */
  anyState?: StateRole[];
  /** The action changes something: read-only tokens are refused. */
  write?: boolean;
}

const RULES = new Map<string, Rule>();

/** Declares the rules for a resource's actions; returns the action names, for typed use. */
export function defineRules<const T extends Record<string, Rule>>(rules: T): { [K in keyof T]: K } {
  for (const [action, rule] of Object.entries(rules)) {
    if (RULES.has(action)) throw new Error(`access rule ${action} is declared twice`);
    RULES.set(action, rule);
  }
  return Object.fromEntries(Object.keys(rules).map((k) => [k, k])) as never;
}

export function declaredRules(): ReadonlyMap<string, Rule> {
  return RULES;
}

export interface Resource {
  /** The State the resource belongs to, for State-scoped rules. */
  state?: string | null;
}

export type Decision = { ok: true } | { ok: false; status: 401 | 403; code: AppError['code']; reason: string };

/** Decides without throwing: who is asking, to do what, to which resource. */
export function decide(actor: Actor, action: string, resource: Resource = {}): Decision {
  const rule = RULES.get(action);
  if (!rule) throw new Error(`no access rule is declared for ${action}`);
  if (rule.write && actor.via === 'token' && actor.scope !== 'write') {
    return { ok: false, status: 403, code: 'TOKEN_SCOPE', reason: 'This token is read-only.' };
  }
  if (rule.public) return { ok: true };
  if (!actor.userId) return { ok: false, status: 401, code: 'UNAUTHENTICATED', reason: 'Sign in first.' };
  if (rule.self) return { ok: true };
  const grants = effectiveGrants(actor);
  if (grants.some((g) => rule.platform?.includes(g.role as PlatformRole))) return { ok: true };
  if (grants.some((g) => g.state && rule.anyState?.includes(g.role as StateRole))) return { ok: true };
  if (resource.state && grants.some((g) => g.state === resource.state && rule.state?.includes(g.role as StateRole))) {
    return { ok: true };
  }
  if (needsSecondFactor(actor)) {
    return { ok: false, status: 403, code: 'SECOND_FACTOR_REQUIRED', reason: 'Set up and use two-factor sign-in first.' };
  }
  return { ok: false, status: 403, code: 'FORBIDDEN', reason: 'Your roles do not allow this.' };
}

/** Throws 401/403 unless the actor may do the action on the resource. */
export function authorize(actor: Actor, action: string, resource: Resource = {}): void {
  const d = decide(actor, action, resource);
  if (!d.ok) throw new AppError(d.code, d.status, d.reason);
}

/** The States whose resources the actor may see under a rule: all of them, a list, or none. */
export function scopeOf(actor: Actor, action: string): { all: true } | { all: false; states: string[] } {
  const rule = RULES.get(action);
  if (!rule) throw new Error(`no access rule is declared for ${action}`);
  if (rule.public) return { all: true };
  if (!actor.userId) return { all: false, states: [] };
  const grants = effectiveGrants(actor);
  if (grants.some((g) => rule.platform?.includes(g.role as PlatformRole))) return { all: true };
  if (grants.some((g) => g.state && rule.anyState?.includes(g.role as StateRole))) return { all: true };
  const states = grants.filter((g) => g.state && rule.state?.includes(g.role as StateRole)).map((g) => g.state as string);
  return { all: false, states: [...new Set(states)] };
}

/** The `states` parameter for `(${param}::text[] is null or state_code = any(${param}))` in list queries. */
export function scopeParam(scope: ReturnType<typeof scopeOf>): string[] | null {
  return scope.all ? null : scope.states;
}
