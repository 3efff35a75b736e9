/**
 * Progress while pictures upload and process: a bar on a terminal, one line per step elsewhere
 * (CI logs, pipes), nothing at all for callers such as tests. Everything goes to stderr, so the
 * diff and the summary on stdout can be piped.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Called once, with the number of distinct pictures about to be processed. */
  start(total: number): void;
  /** A picture (named by the first path that references it) reached a step. */
  step(file: string, state: string): void;
  /** A picture is finished, rewritten or failed. */
  finished(file: string, outcome: string): void;
  stop(): void;
}

export const silentProgress: Progress = {
  start: () => undefined,
  step: () => undefined,
  finished: () => undefined,
  stop: () => undefined,
};

/** One line per step: readable in a log, where a redrawn bar would be noise. */
export function lineProgress(write: (line: string) => void = (line) => console.error(line)) {
  return {
    start: (total: number) => write(`${total} image${total === 1 ? '' : 's'} to process`),
    step: (file: string, state: string) => write(`${file}: ${state}`),
    finished: (file: string, outcome: string) => write(`${file}: ${outcome}`),
    stop: () => undefined,
  } satisfies Progress;
}

/** One bar over all pictures, with the latest step of the latest picture beside it. */
export function barProgress(): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: ' {bar} {value}/{total} images | {file}: {state}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  return {
    start: (total) => bar.start(total, 0, { file: '', state: 'starting' }),
    step: (file, state) => bar.update({ file, state }),
    finished: (file, outcome) => bar.update(++done, { file, state: outcome }),
    stop: () => bar.stop(),
  };
}

export const progressFor = (stream: { isTTY?: boolean }): Progress =>
  stream.isTTY ? barProgress() : lineProgress();
