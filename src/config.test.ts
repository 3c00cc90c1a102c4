// Configuration: defaults, and a bad value named with its reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditCheckpointFile, auditKeyFile, ConfigError, loadConfig } from './config.ts';

test('defaults give the embedded database on port 3000', () => {
  const config = loadConfig({});
  assert.equal(config.PORT, 3000);
  assert.equal(config.DATA_DIR, './data');
  assert.equal(config.DATABASE_URL, undefined);
});

test('every bad variable is named with the reason', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      const text = err.message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) assert.match(text, new RegExp(`${name}:`));
      assert.match(text, /must start with postgres:\/\//);
      return true;
    },
  );
});

test('an empty variable counts as unset', () => {
  assert.equal(loadConfig({ PORT: '' }).PORT, 3000);
});

test('the audit key: hex or base64 of at least 32 bytes, never echoed back when wrong', () => {
  const hex = 'ab'.repeat(32);
  assert.equal(loadConfig({ AUDIT_KEY: hex }).AUDIT_KEY?.length, 32);
  assert.equal(loadConfig({ AUDIT_KEY: Buffer.alloc(48, 7).toString('base64') }).AUDIT_KEY?.length, 48);
  assert.throws(
    () => loadConfig({ AUDIT_KEY: 'short-secret-value' }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /AUDIT_KEY: must be at least 32 bytes/);
      assert.doesNotMatch(err.message, /short-secret-value/);
      return true;
    },
  );
});

test('the audit files default to the data directory; the metrics token must be long', () => {
  const config = loadConfig({ DATA_DIR: '/srv/cn' });
  assert.equal(auditKeyFile(config), '/srv/cn/audit.key');
  assert.equal(auditCheckpointFile(config), '/srv/cn/audit.checkpoint');
  assert.equal(auditKeyFile(loadConfig({ AUDIT_KEY_FILE: '/etc/cn/key' })), '/etc/cn/key');
  assert.equal(loadConfig({}).METRICS_TOKEN, undefined);
  assert.throws(() => loadConfig({ METRICS_TOKEN: 'guessable' }), /METRICS_TOKEN: must be 24 to 200/);
});
