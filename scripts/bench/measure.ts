import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs one measured child process. Peak memory is GNU time's `%M`: the largest resident set any
 * single process of the run reached (the child, or any one of the processes it waited for), read
 * the same way for every contender whatever language it is written in.
 */

/** GNU time (Debian package `time`); without it peak RSS is reported as n/a. */
export const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = (): boolean => existsSync(GNU_TIME);

export interface MeasuredRun {
  /** Wall time of the whole child process, start-up included. */
  wallMs: number;
  /** Peak resident set size in MB (10^6 bytes), when GNU time is available. */
  peakRssMb: number | undefined;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

export class ChildFailed extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'ChildFailed';
  }
}

export async function runMeasured(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<MeasuredRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'darkroom-bench-time-'));
  const rssFile = join(scratch, 'rss');
  const timed = hasGnuTime();
  const [file, argv] = timed
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]]
    : [command, [...args]];
  try {
    const started = performance.now();
    const { stdout, stderr, code, signal } = await run(file, argv, options);
    const wallMs = performance.now() - started;
    if (code !== 0) {
      const tail = stderr.trim().split('\n').slice(-15).join('\n');
      throw new ChildFailed(
        `${command} ${args.join(' ')} exited with ${signal ?? code}${tail ? `:\n${tail}` : ''}`,
        stderr,
      );
    }
    let peakRssMb: number | undefined;
    if (timed) {
      // GNU time writes "Command exited…" lines before %M when the child failed; the number is last.
      const kib = Number((await readFile(rssFile, 'utf8')).trim().split('\n').at(-1));
      peakRssMb = Number.isFinite(kib) ? (kib * 1024) / 1e6 : undefined;
    }
    return { wallMs, peakRssMb, stdout, stderr };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function run(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<{ stdout: string; stderr: string; code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        signal,
      });
    });
  });
}

/** Drivers print one JSON object as their last line of output. */
export function lastJson<T>(stdout: string): T {
  const line = stdout.trim().split('\n').at(-1);
  if (!line) throw new Error('the driver printed nothing');
  return JSON.parse(line) as T;
}

/** Runs a command for its output (tool versions, detection); undefined when it cannot run. */
export async function probe(command: string, args: readonly string[]): Promise<string | undefined> {
  try {
    const { stdout, stderr, code } = await run(command, args, { timeoutMs: 10_000 });
    return code === 0 ? `${stdout}${stderr}` : undefined;
  } catch {
    return undefined;
  }
}
