/**
 * Lambda's event filtering, the part Darkroom's patterns use: a pattern is an object whose keys
 * name fields of the record; a nested object matches a nested field; an array lists the values
 * a field may equal (strings, numbers, booleans). Anything else in a pattern is refused rather
 * than silently matched differently from AWS.
 */
export type FilterPattern = { readonly [field: string]: FilterPattern | readonly FilterValue[] };
type FilterValue = string | number | boolean;

function matches(value: unknown, pattern: FilterPattern | readonly FilterValue[]): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some((allowed) => {
      if (typeof allowed === 'object') throw new Error('content filters are not supported here');
      return allowed === value;
    });
  }
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(pattern as FilterPattern).every(([field, inner]) =>
    matches((value as Record<string, unknown>)[field], inner),
  );
}

/** Whether a record passes the filter criteria: any one pattern matching is enough. */
export const matchesAny = (record: unknown, patterns: readonly FilterPattern[]) =>
  patterns.some((pattern) => matches(record, pattern));
