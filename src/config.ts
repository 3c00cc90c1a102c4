// One validated configuration object, read once at start and passed down; nothing reads env elsewhere.
import { z } from 'zod';

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
  /** The largest file a communication may carry, in MB. */
  MAX_ATTACHMENT_MB: z.coerce.number().min(1).max(200).default(20),
  /** Demo accounts and demo States: `auto` seeds them in the embedded mode only. */
  DEMO_DATA: z.enum(['auto', 'true', 'false']).default('auto'),
  /** In production the platform refuses to start while demo accounts exist, and never seeds them. */
  PRODUCTION: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Config = z.output<typeof schema>;

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
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(picked[String(i.path[0])])})`),
    );
  }
  const config = parsed.data;
  if (config.PRODUCTION && config.DEMO_DATA === 'true') {
    throw new ConfigError(['DEMO_DATA: cannot be true when PRODUCTION is true']);
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
