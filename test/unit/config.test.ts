import { describe, expect, it } from 'vitest';
import { loadApiConfig } from '../../src/config/api.js';
import { ConfigError } from '../../src/config/env.js';
import { loadLocalConfig } from '../../src/config/local.js';
import { loadProcessorConfig } from '../../src/config/processor.js';

const base = { TABLE_NAME: 't', ORIGINALS_BUCKET: 'o', VARIANTS_BUCKET: 'v' };

describe('configuration', () => {
  it('applies the documented defaults', () => {
    expect(loadApiConfig(base)).toMatchObject({
      MAX_UPLOAD_BYTES: 25 * 1024 * 1024,
      UPLOAD_URL_TTL_SECONDS: 900,
      AWS_REGION: 'us-east-1',
    });
    expect(loadProcessorConfig(base)).toMatchObject({ MAX_INPUT_PIXELS: 100_000_000 });
  });

  it('names every missing or wrong setting in one message', () => {
    let error: unknown;
    try {
      loadApiConfig({ ORIGINALS_BUCKET: 'o', MAX_UPLOAD_BYTES: 'lots', S3_ENDPOINT: 'nope' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/TABLE_NAME: required/);
    expect(message).toMatch(/VARIANTS_BUCKET: required/);
    expect(message).toMatch(/MAX_UPLOAD_BYTES: expected a whole number \(got "lots"\)/);
    expect(message).toMatch(/S3_ENDPOINT: expected a URL/);
    expect(message).not.toMatch(/ORIGINALS_BUCKET/);
  });

  it('treats empty variables as unset and rejects bad ports', () => {
    expect(loadApiConfig({ ...base, MAX_UPLOAD_BYTES: '' }).MAX_UPLOAD_BYTES).toBe(
      25 * 1024 * 1024,
    );
    expect(() => loadLocalConfig({ PORT: '70000' })).toThrow(/PORT: expected a port/);
    expect(() => loadProcessorConfig({ ...base, MAX_INPUT_PIXELS: '-5' })).toThrow(
      /MAX_INPUT_PIXELS: expected a number greater than 0/,
    );
  });
});
