import { describe, expect, it } from 'vitest';
import { loadApiConfig } from '../../src/config/api.js';
import { ConfigError } from '../../src/config/env.js';
import { loadLocalConfig } from '../../src/config/local.js';
import { loadProcessorConfig } from '../../src/config/processor.js';
import { MINIMAL_API_ENV } from '../helpers/config.js';

const base = MINIMAL_API_ENV;

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

  it('reads delivery keys (the first signs) and refuses weak, repeated or malformed ones', () => {
    expect(
      loadApiConfig({ ...base, DELIVERY_KEYS: `new:${'n'.repeat(32)}, old:${'o'.repeat(40)}` })
        .DELIVERY_KEYS,
    ).toEqual([
      { id: 'new', secret: 'n'.repeat(32) },
      { id: 'old', secret: 'o'.repeat(40) },
    ]);
    for (const keys of ['k1:short', `k1:${'a'.repeat(32)},k1:${'b'.repeat(32)}`, 'no-secret']) {
      expect(() => loadApiConfig({ ...base, DELIVERY_KEYS: keys }), keys).toThrow(
        /DELIVERY_KEYS: /,
      );
    }
    expect(() => loadApiConfig({ ...base, DELIVERY_URL_TTL_SECONDS: '31536001' })).toThrow(
      /DELIVERY_URL_TTL_SECONDS: at most a year/,
    );
    expect(() => loadApiConfig({ ...base, DELIVERY_SIZES: '320,big' })).toThrow(
      /DELIVERY_SIZES: expected a comma-separated list/,
    );
    expect(loadApiConfig({ ...base, DELIVERY_SIZES: '320, 640' }).DELIVERY_SIZES).toEqual([
      320, 640,
    ]);
  });
});
