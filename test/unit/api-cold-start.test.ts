import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig } from '../../src/config/api.js';
import { ConfigError } from '../../src/config/env.js';
import { createAwsClients, createLazyS3Client, s3Of } from '../../src/storage/clients.js';
import { MINIMAL_API_ENV } from '../helpers/config.js';

// What the API Lambda defers past its cold start (src/api/lambda.ts) must behave as if made
// at start-up once used: the same presets, the same S3 client, the same errors.

const base = MINIMAL_API_ENV;

describe('presets read on first use', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-lazy-presets-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are the presets start-up reads, read once', () => {
    const eager = loadApiConfig(base);
    const lazy = loadApiConfig(base, { presets: 'first use' });
    expect(lazy.presets.list()).toEqual(eager.presets.list());
    expect(lazy.presets).toBe(lazy.presets);
    expect(lazy).toMatchObject({ TABLE_NAME: 't', MAX_UPLOAD_BYTES: eager.MAX_UPLOAD_BYTES });
  });

  it('fail where they are first read, with the error start-up gives', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{ presets: ');
    const env = { ...base, PRESETS_FILE: bad };
    expect(() => loadApiConfig(env)).toThrow(ConfigError);
    const lazy = loadApiConfig(env, { presets: 'first use' });
    for (let i = 0; i < 2; i++) {
      expect(() => lazy.presets.names()).toThrow(/PRESETS_FILE \(.*bad\.json\): not valid JSON/);
    }
  });

  it('still fail the settings at once when another setting is wrong', () => {
    expect(() => loadApiConfig({ ...base, TABLE_NAME: '' }, { presets: 'first use' })).toThrow(
      ConfigError,
    );
  });
});

describe('an S3 client made on first use', () => {
  const settings = { AWS_REGION: 'eu-west-1', S3_ENDPOINT: 'http://127.0.0.1:4569' };
  const credentials = { accessKeyId: 'id', secretAccessKey: 'secret' };

  it('is one client, configured as createAwsClients configures its own', async () => {
    const lazy = createLazyS3Client(settings, credentials);
    const client = await lazy();
    expect(client).toBeInstanceOf(S3Client);
    expect(await lazy()).toBe(client);
    const eager = createAwsClients(settings, credentials).s3;
    expect(await client.config.region()).toBe(await eager.config.region());
    expect(client.config.forcePathStyle).toBe(eager.config.forcePathStyle);
    expect(await client.config.credentials()).toEqual(await eager.config.credentials());
    expect(await client.config.endpoint?.()).toEqual(await eager.config.endpoint?.());
  });

  it('stands in for a client wherever one is taken', async () => {
    const client = createAwsClients(settings, credentials).s3;
    expect(await s3Of(client)).toBe(client);
  });
});
