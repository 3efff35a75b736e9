/**
 * Decodes one HEIC in a worker thread, so that a decode running past the time limit can be stopped
 * (the WebAssembly cannot be interrupted, the thread can) and its WebAssembly memory is given back
 * when the thread ends.
 *
 * Self-contained on purpose: Node builtins and libheif-js only, and types that Node can strip, so
 * that Node runs this file as it is in development and the Lambda bundle carries it as its own.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

/** What decode-heic.ts sends. */
export interface HeicJob {
  input: Uint8Array;
  /** libheif compiled once per process by the caller. */
  module: WebAssembly.Module;
  /** The primary image's size after its transforms, as the header said. */
  width: number;
  height: number;
  alpha: boolean;
  /** Where the pixels go in the buffer sent back (after the container's header), and its size. */
  offset: number;
  size: number;
}

export type HeicReply = { ok: true; buffer: ArrayBuffer } | { ok: false; message: string };

/** The part of libheif-js's embind module used here (its own .d.ts types every result as any). */
interface HeifError {
  code: unknown;
  message: string;
}
interface Channel {
  id: unknown;
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}
interface Libheif {
  heif_error_code: { heif_error_Ok: unknown };
  heif_colorspace: { heif_colorspace_RGB: unknown };
  heif_chroma: { heif_chroma_interleaved_RGB: unknown; heif_chroma_interleaved_RGBA: unknown };
  heif_channel: { heif_channel_interleaved: unknown };
  heif_context_alloc(): object;
  heif_context_free(context: object): void;
  heif_context_read_from_memory(context: object, bytes: Uint8Array): HeifError;
  heif_js_context_get_primary_image_handle(context: object): object | HeifError;
  heif_image_handle_get_width(handle: object): number;
  heif_image_handle_get_height(handle: object): number;
  heif_image_handle_release(handle: object): void;
  heif_js_decode_image2(
    handle: object,
    colorspace: unknown,
    chroma: unknown,
  ): { image: object; channels: Channel[] } | HeifError;
  heif_image_release(image: object): void;
}
type Factory = (options: {
  instantiateWasm: (
    imports: WebAssembly.Imports,
    done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => unknown,
  ) => unknown;
}) => Libheif;

const isError = (value: object): value is HeifError => 'code' in value && 'message' in value;

function decode(job: HeicJob): HeicReply {
  const require = createRequire(import.meta.url);
  const factory = require('libheif-js/libheif-wasm/libheif.js') as Factory;
  // Instantiated from the module compiled by the caller: no file read, no compile per decode.
  const heif = factory({
    instantiateWasm: (imports, done) =>
      done(new WebAssembly.Instance(job.module, imports), job.module),
  });
  const context = heif.heif_context_alloc();
  try {
    const read = heif.heif_context_read_from_memory(context, job.input);
    if (read.code !== heif.heif_error_code.heif_error_Ok)
      return { ok: false, message: read.message };
    const handle = heif.heif_js_context_get_primary_image_handle(context);
    if (isError(handle)) return { ok: false, message: handle.message };
    try {
      const width = heif.heif_image_handle_get_width(handle);
      const height = heif.heif_image_handle_get_height(handle);
      if (width !== job.width || height !== job.height) {
        return {
          ok: false,
          message: `the header says ${job.width}×${job.height} but the primary image is ${width}×${height}`,
        };
      }
      // Orientation (irot, imir) and clean aperture are applied by libheif's default decoding.
      const decoded = heif.heif_js_decode_image2(
        handle,
        heif.heif_colorspace.heif_colorspace_RGB,
        job.alpha
          ? heif.heif_chroma.heif_chroma_interleaved_RGBA
          : heif.heif_chroma.heif_chroma_interleaved_RGB,
      );
      if (isError(decoded)) return { ok: false, message: decoded.message };
      try {
        const plane = decoded.channels.find(
          (c) => c.id === heif.heif_channel.heif_channel_interleaved,
        );
        const row = width * (job.alpha ? 4 : 3);
        if (!plane || plane.width !== width || plane.height !== height || plane.stride < row) {
          return { ok: false, message: 'libheif returned no interleaved RGB plane' };
        }
        // The plane is a view of the WebAssembly memory, rows padded to its stride: copy it out
        // row by row, straight to where the container wants it.
        const buffer = new ArrayBuffer(job.size);
        const out = new Uint8Array(buffer, job.offset, row * height);
        for (let y = 0; y < height; y++) {
          out.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
        }
        return { ok: true, buffer };
      } finally {
        heif.heif_image_release(decoded.image);
      }
    } finally {
      heif.heif_image_handle_release(handle);
    }
  } finally {
    heif.heif_context_free(context);
  }
}

let reply: HeicReply;
try {
  reply = decode(workerData as HeicJob);
} catch (error) {
  // libheif aborts (a RuntimeError) on what it cannot survive, memory exhausted among them.
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(reply, reply.ok ? [reply.buffer] : []);
