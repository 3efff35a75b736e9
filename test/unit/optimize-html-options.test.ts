import { describe, expect, it } from 'vitest';
import { parseCli, type CliOptions } from '../../scripts/optimize-html/options.js';

/** The options parsed, failing the test on help or an error. */
function options(...args: string[]): CliOptions {
  const parsed = parseCli(args);
  if (parsed === 'help' || 'error' in parsed)
    throw new Error(`not parsed: ${JSON.stringify(parsed)}`);
  return parsed;
}

const errorOf = (...args: string[]) => {
  const parsed = parseCli(args);
  return parsed !== 'help' && 'error' in parsed ? parsed.error : undefined;
};

describe('optimize-html options: --commit [message]', () => {
  it('is off unless given', () => {
    expect(options('site')).toMatchObject({ site: 'site', commit: false, message: undefined });
  });

  it('takes no message when the folder follows it', () => {
    expect(options('--commit', 'site/')).toMatchObject({
      site: 'site/',
      commit: true,
      message: undefined,
    });
    expect(options('site/', '--commit')).toMatchObject({ site: 'site/', message: undefined });
    expect(options('--commit', '--markup', 'picture', 'site/')).toMatchObject({
      site: 'site/',
      commit: true,
      markup: 'PICTURE',
      message: undefined,
    });
  });

  it('takes the argument after it as the message when the folder comes later', () => {
    expect(options('--commit', 'Faster pages', 'site/')).toMatchObject({
      site: 'site/',
      commit: true,
      message: 'Faster pages',
    });
    expect(
      options('--remote', '--commit', 'Faster pages', '--markup', 'amp', 'site/'),
    ).toMatchObject({ site: 'site/', message: 'Faster pages', remote: true, markup: 'AMP_IMG' });
  });

  it('takes --commit=<message>, dashes and all', () => {
    expect(options('--commit=-- not an option', 'site/')).toMatchObject({
      site: 'site/',
      commit: true,
      message: '-- not an option',
    });
    expect(options('site/', '--commit=Faster pages')).toMatchObject({ message: 'Faster pages' });
  });

  it('refuses a second folder that is not right after --commit, and an empty message', () => {
    expect(errorOf('site/', '--commit', 'other/')).toBe('Give exactly one site folder.');
    expect(errorOf('--commit=Faster', 'msg', 'site/')).toBe('Give exactly one site folder.');
    expect(errorOf('--commit', '', 'site/')).toBe('The --commit message is empty.');
    expect(errorOf('--commit=  ', 'site/')).toBe('The --commit message is empty.');
    expect(errorOf('--commit', '--commit', 'site/')).toBe('Give --commit once.');
  });

  it('refuses --commit with --dry-run', () => {
    expect(errorOf('--commit', '--dry-run', 'site/')).toMatch(
      /^--commit and --dry-run do not go together/,
    );
    expect(errorOf('--dry-run', '--commit', 'Msg', 'site/')).toMatch(/--dry-run/);
  });

  it('leaves a literal --commit=… after -- to the positionals', () => {
    expect(errorOf('--', '--commit=x', 'site/')).toBe('Give exactly one site folder.');
    expect(options('--commit', '--', 'site/')).toMatchObject({ site: 'site/', message: undefined });
  });
});
