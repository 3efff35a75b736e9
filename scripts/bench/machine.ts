import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import sharp from 'sharp';
import { probe } from './measure.js';

/** What the figures were measured on: they mean little without it. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  sharp: string;
  libvips: string;
  /** sharp.concurrency() as the processor runs it (the project never sets it). */
  sharpDefaultConcurrency: number;
  /** Load averages (1, 5, 15 minutes) when the run started: other work skews the figures. */
  loadAtStart: [number, number, number];
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty) return `${pretty[1]}, Linux ${release()}`;
  } catch {
    // not Linux, or no os-release: fall through
  }
  return `${process.platform} ${release()}`;
}

export async function describeMachine(): Promise<Machine> {
  const lscpu = await probe('lscpu', []);
  const model =
    /^Model name:\s*(.+)$/m.exec(lscpu ?? '')?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const [one, five, fifteen] = loadavg();
  return {
    cpu: model,
    cores: availableParallelism(),
    memoryGb: totalmem() / 1e9,
    os: osName(),
    node: process.version,
    sharp: sharp.versions.sharp ?? 'unknown',
    libvips: sharp.versions.vips,
    sharpDefaultConcurrency: sharp.concurrency(),
    loadAtStart: [one!, five!, fifteen!],
  };
}
