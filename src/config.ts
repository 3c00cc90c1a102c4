// One validated configuration object, read once at start and passed down; nothing reads env elsewhere.
import path from 'node:path';
import { z } from 'zod';
import { AUDIT_KEY_MIN_BYTES, parseAuditKey } from './platform/audit.ts';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** PostgreSQL: the longest a new connection may take to be established. */
  DB_CONNECT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(300).default(5),
  /** PostgreSQL: the longest a request waits for a connection from the pool. */
  DB_ACQUIRE_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(300).default(5),
  /** PostgreSQL: the longest one statement may run (the server cancels it; the client gives up a second later). */
  DB_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(3600).default(15),
  /** At start, how long to keep trying to reach PostgreSQL before giving up (0: try once). */
  DB_START_TIMEOUT_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  /** Where people reach the platform: the start of every link in a mail. Defaults to http://localhost:PORT. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'must be an http(s) address, e.g. https://cybernorms.example.org')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** SMTP server for mail, e.g. smtp://user:pass@mail.example.org:587; without it mail is written to DATA_DIR/mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('cybernorms <no-reply@cybernorms.invalid>'),
  /** Seconds a mail waits after its first failed attempt; the wait doubles after each further one. */
  MAIL_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** The longest wait between two attempts at one mail, in minutes. */
  MAIL_RETRY_MAX_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Hours after which a mail that still cannot be sent is given up: kept, shown at /admin/mail, sent again from there. */
  MAIL_GIVE_UP_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 365)
    .default(72),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** How often due jobs (communication-check reminders and deadlines) are looked for. */
  JOBS_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** Hours a recipient State has to acknowledge a communication, by urgency. */
  ACK_HOURS_URGENT: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(2),
  ACK_HOURS_PRIORITY: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(24),
  ACK_HOURS_ROUTINE: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(72),
  /** A CJK font file (.ttf, .otf or .ttc) for Chinese in exported PDFs; by default Debian's fonts-noto-cjk if installed. */
  PDF_CJK_FONT: z.string().min(1).optional(),
  /** The largest file a communication may carry, in MB. */
  MAX_ATTACHMENT_MB: z.coerce.number().min(1).max(200).default(20),
  /** Hours unsent work on a communication (a refused submit's files, a form sent after its session ended) is kept for its author. */
  PENDING_KEEP_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 14)
    .default(24),
  /** Demo accounts and demo States: `auto` seeds them in the embedded mode only. */
  DEMO_DATA: z.enum(['auto', 'true', 'false']).default('auto'),
  /** In production the platform refuses to start while demo accounts exist, and never seeds them. */
  PRODUCTION: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The audit chain's HMAC key, hex or base64, at least 32 bytes (e.g. `openssl rand -hex 32`); else AUDIT_KEY_FILE. */
  AUDIT_KEY: z
    .string()
    .transform((v, ctx) => {
      const key = parseAuditKey(v);
      if (!key) {
        ctx.addIssue({
          code: 'custom',
          message: `must be at least ${AUDIT_KEY_MIN_BYTES} bytes written as hex or base64 (e.g. openssl rand -hex 32)`,
        });
        return z.NEVER;
      }
      return key;
    })
    .optional(),
  /** The file holding the audit key when AUDIT_KEY is not set; created (mode 0600) at first start. Default DATA_DIR/audit.key. */
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  /** Where the signed checkpoint of the audit chain's head is kept. Default DATA_DIR/audit.checkpoint. */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** The bearer token that may read /metrics; without it /metrics answers 404. */
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{24,200}$/, 'must be 24 to 200 printable characters without spaces (e.g. openssl rand -hex 32)')
    .optional(),
  /** Embedded database: the folder scheduled backups are written to; without it, none are scheduled. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** Hours between two scheduled backups. */
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 31)
    .default(24),
  /** How many scheduled backups the folder keeps (the oldest are removed after a new one is written). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(7),
});

export type Config = z.output<typeof schema>;

/** Every setting's default, from the one schema above: the app and the services take them from here. */
export const DEFAULTS: Config = schema.parse({});

const SECRETS = new Set(['AUDIT_KEY', 'METRICS_TOKEN']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Parses the environment; throws ConfigError naming every bad variable and why. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        // Secrets are never echoed back.
        const got = SECRETS.has(name) ? '(hidden)' : JSON.stringify(picked[name]);
        return `${i.path.join('.')}: ${i.message} (got ${got})`;
      }),
    );
  }
  const config = parsed.data;
  if (config.PRODUCTION && config.DEMO_DATA === 'true') {
    throw new ConfigError(['DEMO_DATA: cannot be true when PRODUCTION is true']);
  }
  if (config.BACKUP_DIR && config.DATABASE_URL) {
    throw new ConfigError([
      'BACKUP_DIR: scheduled backups are for the embedded database; with DATABASE_URL back up with pg_dump (see README: Backups)',
    ]);
  }
  return config;
}

/** Whether this configuration seeds demo accounts and demo States. */
export function wantsDemo(config: Pick<Config, 'DEMO_DATA' | 'PRODUCTION' | 'DATABASE_URL'>): boolean {
  if (config.PRODUCTION) return false;
  return config.DEMO_DATA === 'true' || (config.DEMO_DATA === 'auto' && !config.DATABASE_URL);
}

export function publicUrl(config: Pick<Config, 'PUBLIC_URL' | 'PORT'>): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

/** The audit key file: AUDIT_KEY_FILE, or DATA_DIR/audit.key. */
export function auditKeyFile(config: Pick<Config, 'AUDIT_KEY_FILE' | 'DATA_DIR'>): string {
  return config.AUDIT_KEY_FILE ?? path.join(config.DATA_DIR, 'audit.key');
}

/** The audit checkpoint file: AUDIT_CHECKPOINT_FILE, or DATA_DIR/audit.checkpoint. */
export function auditCheckpointFile(config: Pick<Config, 'AUDIT_CHECKPOINT_FILE' | 'DATA_DIR'>): string {
  return config.AUDIT_CHECKPOINT_FILE ?? path.join(config.DATA_DIR, 'audit.checkpoint');
}
