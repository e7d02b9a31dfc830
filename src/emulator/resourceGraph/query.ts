import { ArmError } from '../http/errors';

/**
 * The part of Resource Graph's query language (KQL) the emulator runs. Anything outside it is
 * refused with 400, never answered approximately:
 *
 *   resources
 *   | where <column> (== | =~ | != | !~) '<text>'  or  <column> in [~] ('<text>', ...)
 *           joined by `and` / `or` (and binds tighter; no parentheses)
 *   | project <column> | <alias> = <column>[.<path>] | <column>.<path>, ...
 *   | order by <column> [asc | desc], ...      (`sort by` too; KQL sorts descending by default)
 *   | limit <n>                                (`take` too)
 *
 * `resources` is the only table (restore point collections and VMs are what it holds here).
 */
export interface Comparison {
  column: string;
  op: '==' | '=~' | '!=' | '!~' | 'in' | 'in~';
  values: string[];
}

/** Disjunctive normal form: the rows that satisfy every comparison of at least one group. */
export type Condition = Comparison[][];

export interface Projection {
  name: string;
  path: string[];
}

export type Step =
  | { kind: 'where'; condition: Condition }
  | { kind: 'project'; columns: Projection[] }
  | { kind: 'order'; keys: Array<{ column: string; descending: boolean }> }
  | { kind: 'limit'; count: number };

export interface ParsedQuery {
  steps: Step[];
}

/**
 * Resource Graph answers a query it cannot run with 400 BadRequest, details InvalidQuery plus the
 * reason. Its reasons for a bad parse are ParserFailure; for KQL that is valid but outside the
 * subset above there is no public code, so the emulator names its own: UnsupportedQueryByEmulator.
 */
export function queryError(detailCode: 'ParserFailure' | 'UnsupportedQueryByEmulator' | 'UnknownColumn' | 'UnknownTable', message: string): ArmError {
  return new ArmError(400, 'BadRequest', 'Please provide below info when asking for support: timestamp and the request ids of this answer.', undefined, {}, [
    { code: 'InvalidQuery', message: 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.' },
    { code: detailCode, message },
  ]);
}

type Token = { kind: 'ident' | 'string' | 'number' | 'symbol'; text: string; at: number };

const SYMBOLS = ['==', '=~', '!=', '!~', '|', ',', '(', ')', '=', '.', '~'];

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = query.indexOf(c, i + 1);
      if (end < 0) throw queryError('ParserFailure', `Unterminated string literal at position ${i}.`);
      const text = query.slice(i + 1, end);
      if (text.includes('\\')) throw queryError('UnsupportedQueryByEmulator', `Escape sequences in string literals are not supported (position ${i}).`);
      tokens.push({ kind: 'string', text, at: i });
      i = end + 1;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    const number = /^\d+/.exec(query.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => query.startsWith(s, i));
    if (!symbol) throw queryError('ParserFailure', `Unexpected character '${c}' at position ${i}.`);
    tokens.push({ kind: 'symbol', text: symbol, at: i });
    i += symbol.length;
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(expected: string): Token {
    const token = this.tokens[this.position++];
    if (!token) throw queryError('ParserFailure', `The query ended where ${expected} was expected.`);
    return token;
  }

  private isSymbol(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'symbol' && token.text === text;
  }

  private isWord(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'ident' && token.text.toLowerCase() === text;
  }

  private expectSymbol(text: string): void {
    const token = this.next(`'${text}'`);
    if (token.kind !== 'symbol' || token.text !== text) throw queryError('ParserFailure', `Expected '${text}' at position ${token.at}, found '${token.text}'.`);
  }

  private ident(what: string): Token {
    const token = this.next(what);
    if (token.kind !== 'ident') throw queryError('ParserFailure', `Expected ${what} at position ${token.at}, found '${token.text}'.`);
    return token;
  }

  parse(): ParsedQuery {
    const table = this.ident('a table name');
    // KQL table names are case-sensitive; Resource Graph documents both spellings of this one.
    if (table.text !== 'resources' && table.text !== 'Resources') {
      throw queryError('UnknownTable', `The table '${table.text}' is not available; the emulator's Resource Graph has only 'resources'.`);
    }
    const steps: Step[] = [];
    while (this.peek()) {
      this.expectSymbol('|');
      steps.push(this.step());
    }
    return { steps };
  }

  private step(): Step {
    const operator = this.ident('a query operator');
    switch (operator.text) {
      case 'where':
        return { kind: 'where', condition: this.condition() };
      case 'project':
        return { kind: 'project', columns: this.list(() => this.projection()) };
      case 'order':
      case 'sort': {
        const by = this.ident("'by'");
        if (by.text !== 'by') throw queryError('ParserFailure', `Expected 'by' after '${operator.text}' at position ${by.at}.`);
        return { kind: 'order', keys: this.list(() => this.orderKey()) };
      }
      case 'limit':
      case 'take': {
        const count = this.next('a row count');
        if (count.kind !== 'number') throw queryError('ParserFailure', `Expected a number after '${operator.text}' at position ${count.at}.`);
        return { kind: 'limit', count: Number(count.text) };
      }
      default:
        throw queryError('UnsupportedQueryByEmulator', `The operator '${operator.text}' (position ${operator.at}) is not supported; the emulator runs where, project, order by and limit.`);
    }
  }

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.isSymbol(',')) {
      this.position++;
      items.push(item());
    }
    return items;
  }

  private condition(): Condition {
    const groups: Condition = [[this.comparison()]];
    for (;;) {
      if (this.isWord('and')) {
        this.position++;
        groups[groups.length - 1].push(this.comparison());
      } else if (this.isWord('or')) {
        this.position++;
        groups.push([this.comparison()]);
      } else {
        return groups;
      }
    }
  }

  private comparison(): Comparison {
    const column = this.ident('a column name');
    if (this.isSymbol('.') || this.isSymbol('(')) {
      throw queryError('UnsupportedQueryByEmulator', `Only plain columns can be compared in 'where' (position ${column.at}).`);
    }
    const op = this.next('a comparison operator');
    if (op.kind === 'symbol' && ['==', '=~', '!=', '!~'].includes(op.text)) {
      return { column: column.text, op: op.text as Comparison['op'], values: [this.stringLiteral()] };
    }
    if (op.kind === 'ident' && op.text === 'in') {
      let caseInsensitive = false;
      if (this.isSymbol('~')) {
        this.position++;
        caseInsensitive = true;
      }
      this.expectSymbol('(');
      const values = this.list(() => this.stringLiteral());
      this.expectSymbol(')');
      return { column: column.text, op: caseInsensitive ? 'in~' : 'in', values };
    }
    throw queryError('UnsupportedQueryByEmulator', `The comparison '${op.text}' (position ${op.at}) is not supported; use ==, =~, !=, !~, in or in~ with string literals.`);
  }

  private stringLiteral(): string {
    const token = this.next('a string literal');
    if (token.kind !== 'string') throw queryError('UnsupportedQueryByEmulator', `Expected a string literal at position ${token.at}, found '${token.text}'.`);
    return token.text;
  }

  private path(): string[] {
    const path = [this.ident('a column name').text];
    while (this.isSymbol('.')) {
      this.position++;
      path.push(this.ident('a property name').text);
    }
    if (this.isSymbol('(')) throw queryError('UnsupportedQueryByEmulator', `Functions and indexers are not supported in 'project'.`);
    return path;
  }

  private projection(): Projection {
    const start = this.position;
    const first = this.ident('a column name');
    if (this.isSymbol('=')) {
      this.position++;
      return { name: first.text, path: this.path() };
    }
    this.position = start;
    const path = this.path();
    // KQL names a projected property path by joining its parts with underscores.
    return { name: path.join('_'), path };
  }

  private orderKey(): { column: string; descending: boolean } {
    const column = this.ident('a column name').text;
    if (this.isSymbol('.')) throw queryError('UnsupportedQueryByEmulator', `Only plain columns can be sorted on.`);
    let descending = true;
    if (this.isWord('asc') || this.isWord('desc')) descending = this.next('a direction').text.toLowerCase() === 'desc';
    return { column, descending };
  }
}

export function parseQuery(query: string): ParsedQuery {
  return new Parser(tokenize(query)).parse();
}
