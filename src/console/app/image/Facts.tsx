/** What processing made and measured: the variants, the time each step took, the colour. */
import { exactBytes, formatBytes, formatMs, formatPercent } from './format.js';
import type { ImageDetails } from './types.js';

export function Variants({ image }: { image: ImageDetails }) {
  const original = image.bytes;
  return (
    <section className="card wide">
      <h2>Variants</h2>
      {image.variants.length === 0 ? (
        <p className="muted">
          {image.status === 'IN_REVIEW'
            ? 'The variants are made but not served until an admin approves the image.'
            : 'No variants.'}
        </p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Variant</th>
                <th scope="col">Format</th>
                <th scope="col">Width × height</th>
                <th scope="col" className="number">
                  Bytes
                </th>
                <th scope="col" className="number">
                  Saving
                </th>
              </tr>
            </thead>
            <tbody>
              {image.variants.map((v) => (
                <tr key={`${v.name}.${v.format}`}>
                  <th scope="row">
                    <a href={v.url} target="_blank" rel="noreferrer">
                      {v.name}.{v.format}
                    </a>
                  </th>
                  <td>{v.format}</td>
                  <td>
                    {v.width} × {v.height}
                  </td>
                  <td className="number" title={exactBytes(v.bytes)}>
                    {formatBytes(v.bytes)}
                  </td>
                  <td className="number">{saving(v.bytes, original)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {original != null && image.variants.length > 0 && (
        <p className="muted">Saving is against the original&rsquo;s {formatBytes(original)}.</p>
      )}
    </section>
  );
}

/** How much smaller than the original; a variant may be larger (a PNG of a JPEG photo). */
function saving(bytes: number, original: number | null): string {
  if (!original) return '—';
  const ratio = 1 - bytes / original;
  return ratio < 0 ? `${formatPercent(-ratio)} larger` : formatPercent(ratio);
}

const STEPS = [
  ['Decode', 'decodeMs'],
  ['Analysis', 'analysisMs'],
  ['Gate', 'gateMs'],
  ['Variants', 'variantsMs'],
  ['Fingerprint', 'fingerprintMs'],
  ['Total', 'totalMs'],
] as const;

export function Timings({ image }: { image: ImageDetails }) {
  const timings = image.timings;
  return (
    <section className="card">
      <h2>Timings</h2>
      {timings ? (
        <dl className="facts">
          {STEPS.map(([label, key]) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd>{formatMs(timings[key])}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">Not processed yet.</p>
      )}
    </section>
  );
}

export function Colour({ image }: { image: ImageDetails }) {
  const colour = image.dominantColor;
  return (
    <section className="card">
      <h2>Colour</h2>
      {colour ? (
        <p className="colour">
          {/* The hex beside it says the colour; the swatch only shows it. */}
          <span className="swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
          Dominant colour <code>{colour}</code>
        </p>
      ) : (
        <p className="muted">Known once the image is processed.</p>
      )}
    </section>
  );
}
