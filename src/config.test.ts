// Configuration: defaults, and a bad value named with its reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

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
