import type * as z from '../model/zod.js';

/** Where in the file an issue is, in words: `preset "social", output "card", operation 2 (watermark), opacity`. */
export function describePath(input: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = input;
  const child = (key: PropertyKey) =>
    node !== null && typeof node === 'object'
      ? (node as Record<PropertyKey, unknown>)[key]
      : undefined;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const next = path[i + 1];
    if (key === 'presets' && next !== undefined && i === 0) {
      node = child(key);
      parts.push(`preset "${String(next)}"`);
      node = child(next);
      i++;
    } else if ((key === 'outputs' || key === 'operations') && typeof next === 'number') {
      node = child(key);
      node = child(next);
      const item = node as { name?: unknown; op?: unknown } | undefined;
      parts.push(
        key === 'outputs'
          ? typeof item?.name === 'string'
            ? `output "${item.name}"`
            : `outputs[${next}]`
          : `operation ${next + 1}${typeof item?.op === 'string' ? ` (${item.op})` : ''}`,
      );
      i++;
    } else {
      node = child(key);
      parts.push(String(key));
    }
  }
  return parts.join(', ');
}

/** The issues of a failed parse, each prefixed with where it is. */
export const problemsOf = (input: unknown, error: z.core.$ZodError) =>
  error.issues.map((issue) => {
    const where = describePath(input, issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
