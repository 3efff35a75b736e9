/**
 * Renders Terraform expressions the way Terraform would, for the few a contract test must compare
 * with the code's output (a header, a JSON file): string templates, literals, tuples, references,
 * attribute and index steps, `==`, `!=`, `!`, the conditional operator and the functions in
 * FUNCTIONS. Values only known at apply (a resource's attribute, `each.key`) are given by the
 * test, by the reference's source text. Anything else throws: the test fails rather than guess.
 */
import type { HclValue } from '../../scripts/terraform/lib/hcl.js';

export interface Scope {
  /** `var.<name>`. */
  vars: Record<string, unknown>;
  /** Every local as hcl2json gives it; `local.<name>` renders it on first use. */
  locals: Record<string, HclValue>;
  /** Values by source text (`aws_x.y.attr`, `each.key`, `one(aws_x.y[*].id)`), checked first. */
  known: Record<string, unknown>;
}

type Fn = (...args: unknown[]) => unknown;

const strings = (value: unknown, fn: string): string[] => {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new Error(`${fn}: expected a list of strings, got ${JSON.stringify(value)}`);
  return value;
};
const list = (value: unknown, fn: string): unknown[] => {
  if (!Array.isArray(value))
    throw new Error(`${fn}: expected a list, got ${JSON.stringify(value)}`);
  return value;
};
const text = (value: unknown, fn: string): string => {
  if (typeof value !== 'string') throw new Error(`${fn}: expected a string, got ${String(value)}`);
  return value;
};

/** Terraform's functions as its documentation describes them (those used here only). */
const FUNCTIONS: Record<string, Fn> = {
  join: (separator, items) => strings(items, 'join').join(text(separator, 'join')),
  concat: (...lists) => lists.flatMap((l) => list(l, 'concat')),
  // Lexicographic, by bytes (Go's sort.Strings): code points, for the ASCII used here.
  sort: (items) => [...strings(items, 'sort')].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  distinct: (items) => [...new Set(list(items, 'distinct'))],
  contains: (items, value) => list(items, 'contains').includes(value),
  coalesce: (...values) => {
    const found = values.find((v) => v !== null && v !== undefined && v !== '');
    if (found === undefined) throw new Error('coalesce: no non-null, non-empty argument');
    return found;
  },
  lookup: (map, key, fallback) => {
    if (typeof map !== 'object' || map === null || Array.isArray(map))
      throw new Error('lookup: expected a map');
    const k = text(key, 'lookup');
    return k in map ? (map as Record<string, unknown>)[k] : fallback;
  },
  lower: (value) => text(value, 'lower').toLowerCase(),
  split: (separator, value) => text(value, 'split').split(text(separator, 'split')),
  reverse: (items) => [...list(items, 'reverse')].reverse(),
  startswith: (value, prefix) => text(value, 'startswith').startsWith(text(prefix, 'startswith')),
};

const IDENT = /[A-Za-z_][\w-]*/y;

/** The string Terraform interpolates for a value. */
function interpolated(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`cannot interpolate ${JSON.stringify(value)} into a string`);
}

class Parser {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly scope: Scope,
    private readonly rendering: Set<string>,
  ) {}

  private fail(message: string): never {
    throw new Error(`${message} at ${this.pos} in: ${this.src}`);
  }

  private space(): void {
    for (;;) {
      const rest = this.src.slice(this.pos);
      const m = /^(\s+|#[^\n]*|\/\/[^\n]*)/.exec(rest);
      if (!m) return;
      this.pos += m[0].length;
    }
  }

  private peek(token: string): boolean {
    this.space();
    return this.src.startsWith(token, this.pos);
  }

  private take(token: string): boolean {
    if (!this.peek(token)) return false;
    this.pos += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.take(token)) this.fail(`expected "${token}"`);
  }

  private ident(): string | undefined {
    this.space();
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.src);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** A whole hcl2json value: a template whose literal parts are raw text. */
  template(): unknown {
    const whole = /^\$\{[\s\S]*\}$/.test(this.src);
    const parts: unknown[] = [];
    let literal = '';
    while (this.pos < this.src.length) {
      if (this.src.startsWith('$${', this.pos)) {
        literal += '${';
        this.pos += 3;
      } else if (this.src.startsWith('%{', this.pos) && !this.src.startsWith('%%{', this.pos)) {
        this.fail('template directives are not supported');
      } else if (this.src.startsWith('${', this.pos)) {
        if (literal) parts.push(literal);
        literal = '';
        this.pos += 2;
        parts.push(this.expression());
        this.expect('}');
      } else {
        literal += this.src[this.pos];
        this.pos++;
      }
    }
    if (literal) parts.push(literal);
    // `${expr}` alone is expr's value, whatever its type; anything else is a string.
    if (whole && parts.length === 1) return parts[0];
    return parts.map(interpolated).join('');
  }

  /** The whole source as one expression. */
  whole(): unknown {
    const value = this.expression();
    this.space();
    if (this.pos !== this.src.length) this.fail('unexpected text');
    return value;
  }

  private expression(): unknown {
    const condition = this.equality();
    if (!this.take('?')) return condition;
    const yes = this.expression();
    this.expect(':');
    const no = this.expression();
    if (typeof condition !== 'boolean') this.fail('the condition is not a bool');
    return condition ? yes : no;
  }

  private equality(): unknown {
    const left = this.unary();
    if (this.take('==')) return JSON.stringify(left) === JSON.stringify(this.unary());
    if (this.take('!=')) return JSON.stringify(left) !== JSON.stringify(this.unary());
    return left;
  }

  private unary(): unknown {
    if (this.peek('!') && !this.peek('!=')) {
      this.pos++;
      const value = this.unary();
      if (typeof value !== 'boolean') this.fail('! needs a bool');
      return !value;
    }
    return this.postfix(this.primary());
  }

  private postfix(value: unknown): unknown {
    for (;;) {
      if (this.peek('[')) {
        this.pos++;
        const key = this.expression();
        this.expect(']');
        value = this.index(value, key);
      } else if (this.peek('.') && !this.peek('..')) {
        this.pos++;
        const name = this.ident() ?? this.fail('expected an attribute name');
        value = this.index(value, name);
      } else return value;
    }
  }

  private index(value: unknown, key: unknown): unknown {
    if (Array.isArray(value) && typeof key === 'number') {
      if (key < 0 || key >= value.length) this.fail(`index ${key} out of range`);
      return value[key] as unknown;
    }
    if (typeof value === 'object' && value !== null && typeof key === 'string') {
      if (!(key in value)) this.fail(`no attribute or key "${key}"`);
      return (value as Record<string, unknown>)[key];
    }
    return this.fail(`cannot index ${JSON.stringify(value)} with ${JSON.stringify(key)}`);
  }

  /** Source text from `start` to the end of a bracketed group opening at this.pos. */
  private skipGroup(open: string, close: string): void {
    let depth = 0;
    let quoted = false;
    for (; this.pos < this.src.length; this.pos++) {
      const c = this.src[this.pos];
      if (quoted) {
        if (c === '\\') this.pos++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === open) depth++;
      else if (c === close && --depth === 0) {
        this.pos++;
        return;
      }
    }
    this.fail(`unclosed ${open}`);
  }

  /** The source text of the reference (or call) starting at `start`, traversal included. */
  private referenceText(start: number): string {
    for (;;) {
      if (this.src.startsWith('[', this.pos)) this.skipGroup('[', ']');
      else if (this.src.startsWith('(', this.pos)) this.skipGroup('(', ')');
      else if (/^\.[A-Za-z_*]/.test(this.src.slice(this.pos))) {
        this.pos++;
        if (this.src[this.pos] === '*') this.pos++;
        else this.ident();
      } else return this.src.slice(start, this.pos);
    }
  }

  private primary(): unknown {
    this.space();
    const c = this.src[this.pos];
    if (c === '"') return this.quoted();
    if (c === '(') {
      this.pos++;
      const value = this.expression();
      this.expect(')');
      return value;
    }
    if (c === '[') return this.tuple();
    if (c !== undefined && /[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(this.src.slice(this.pos))!;
      this.pos += m[0].length;
      return Number(m[0]);
    }
    const start = this.pos;
    const name = this.ident() ?? this.fail('expected an expression');
    if (name === 'true' || name === 'false') return name === 'true';
    if (name === 'null') return null;

    // Given by the test, by source text: the longest reference or call written here.
    const after = this.pos;
    const whole = this.referenceText(start);
    if (whole in this.scope.known) return this.scope.known[whole];
    this.pos = after;

    if (this.peek('(')) {
      const fn = FUNCTIONS[name] ?? this.fail(`function ${name}() is not supported`);
      this.pos++;
      const args: unknown[] = [];
      while (!this.take(')')) {
        args.push(this.expression());
        if (!this.take(',')) {
          this.expect(')');
          break;
        }
      }
      return fn(...args);
    }
    if (name === 'var' || name === 'local') {
      this.expect('.');
      const key = this.ident() ?? this.fail('expected a name');
      const known = `${name}.${key}`;
      if (known in this.scope.known) return this.scope.known[known];
      if (name === 'var') {
        if (!(key in this.scope.vars)) this.fail(`var.${key} is not given`);
        return this.scope.vars[key];
      }
      return this.local(key);
    }
    return this.fail(`reference ${whole} is not given (Scope.known)`);
  }

  private local(name: string): unknown {
    if (!(name in this.scope.locals)) this.fail(`local.${name} is not declared`);
    if (this.rendering.has(name)) this.fail(`local.${name} refers to itself`);
    this.rendering.add(name);
    try {
      return evaluateValue(this.scope.locals[name]!, this.scope, this.rendering);
    } finally {
      this.rendering.delete(name);
    }
  }

  private tuple(): unknown[] {
    this.expect('[');
    const items: unknown[] = [];
    while (!this.take(']')) {
      items.push(this.expression());
      if (!this.take(',')) {
        this.expect(']');
        break;
      }
    }
    return items;
  }

  /** A quoted template inside an expression: escapes are processed. */
  private quoted(): string {
    this.pos++; // "
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('unclosed string');
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const e = this.src[this.pos + 1];
        const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (e === undefined || !(e in escapes)) this.fail(`unsupported escape \\${e}`);
        out += escapes[e];
        this.pos += 2;
      } else if (this.src.startsWith('$${', this.pos)) {
        out += '${';
        this.pos += 3;
      } else if (this.src.startsWith('${', this.pos)) {
        this.pos += 2;
        out += interpolated(this.expression());
        this.expect('}');
      } else if (this.src.startsWith('%{', this.pos)) {
        this.fail('template directives are not supported');
      } else {
        out += c;
        this.pos++;
      }
    }
  }
}

/** The value of an hcl2json value (templates, and objects and tuples of them). */
export function evaluateValue(
  value: HclValue,
  scope: Scope,
  rendering: Set<string> = new Set(),
): unknown {
  if (typeof value === 'string') return new Parser(value, scope, rendering).template();
  if (Array.isArray(value)) return value.map((v) => evaluateValue(v, scope, rendering));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, evaluateValue(v, scope, rendering)]),
    );
  }
  return value;
}

/** The value of one expression written in HCL (no surrounding `${…}`). */
export function evaluateExpression(source: string, scope: Scope): unknown {
  return new Parser(source, scope, new Set()).whole();
}
