import { describe, expect, it } from 'vitest';
import { isRuleSyntaxError, RULE_SYNTAX_CODE } from './errors.js';
import { request } from './fixtures/request.js';
import { parseRule } from './parse-rule.js';

const GET = request({ method: 'GET' });
const POST = request({ method: 'POST' });

function syntaxError(rule: string, syntax?: 'v2' | 'v3'): { message: string; position: number; code: string } {
  try {
    parseRule(rule, syntax);
  } catch (err) {
    if (!isRuleSyntaxError(err)) throw err;
    return { message: err.message, position: err.position, code: err.code };
  }
  throw new Error(`expected ${rule} to be rejected`);
}

describe('grammar', () => {
  // Method(`GET`) is true for GET; Method(`PUT`), Method(`POST`) are false for GET.
  it.each([
    ['Method(`GET`) || Method(`PUT`) && Method(`POST`)', true], // && binds tighter: GET || (PUT && POST)
    ['(Method(`GET`) || Method(`PUT`)) && Method(`POST`)', false],
    ['Method(`PUT`) && Method(`POST`) || Method(`GET`)', true],
    ['Method(`PUT`) && (Method(`POST`) || Method(`GET`))', false],
    ['!Method(`PUT`)', true],
    ['!Method(`GET`)', false],
    ['!!Method(`GET`)', true],
    ['!(Method(`PUT`) || Method(`POST`))', true],
    ['!(Method(`GET`) && Method(`PUT`))', true],
    ['!Method(`GET`) || Method(`GET`)', true],
    ['!Method(`PUT`) && !Method(`POST`)', true],
    ['((((Method(`GET`)))))', true],
    ['  Method(`GET`)\n&&\tPath(`/`)  ', true],
    ['Method("GET")', true],
    ['Method("G\\x45T")', true],
    ['Method("\\u0047ET")', true],
  ])('%s on GET → %s', (rule, expected) => {
    expect(parseRule(rule).matcher(GET)).toBe(expected);
  });

  it.each(['Host', 'host', 'HOST', 'Host'])('accepts the matcher spelling %s', (name) => {
    expect(parseRule(`${name}(\`example.com\`)`).matcher(request())).toBe(true);
  });

  it.each(['PathPrefix', 'pathprefix', 'PATHPREFIX', 'Pathprefix'])('accepts the spelling %s', (name) => {
    expect(parseRule(`${name}(\`/a\`)`).matcher(request({ path: '/ab' }))).toBe(true);
  });

  it.each(['ClientIP', 'clientip', 'CLIENTIP', 'Clientip', 'HeaderRegexp', 'headerregexp', 'Headerregexp'])(
    'accepts %s',
    (name) => {
      const args = name.toLowerCase() === 'clientip' ? '`10.0.0.1`' : '`a`,`b`';
      expect(() => parseRule(`${name}(${args})`)).not.toThrow();
    },
  );

  it('keeps the source text and syntax', () => {
    const parsed = parseRule('Method(`GET`)');
    expect(parsed.rule).toBe('Method(`GET`)');
    expect(parsed.syntax).toBe('v3');
    expect(parsed.matcher(POST)).toBe(false);
  });
});

describe('explain', () => {
  const rule = parseRule('Host(`example.com`) && (PathPrefix(`/api`) || Method(`POST`)) && !Header(`X-Deny`, `1`)');
  it.each([
    [request({ path: '/api/x' }), undefined],
    [request({ host: 'other.com', path: '/api/x' }), 'Host(`example.com`)'],
    [request({ path: '/web' }), '(PathPrefix(`/api`) || Method(`POST`))'],
    [request({ path: '/api', headers: { 'x-deny': '1' } }), '!Header(`X-Deny`, `1`)'],
  ])('names the first failing matcher (%#)', (req, expected) => {
    expect(rule.explain(req)).toBe(expected);
    expect(rule.matcher(req)).toBe(expected === undefined);
  });
});

describe('errors', () => {
  it.each([
    ['Host(`a`) &&', 11, 'unexpected end'],
    ['Host(`a`) ||  ', 11, 'unexpected end'],
    ['Host(`a`', 7, 'unexpected end'],
    ['(Host(`a`)', 9, 'unexpected end'],
    ['Host(`a`))', 9, 'unexpected )'],
    ['Host(`a`) Path(`/`)', 10, 'unexpected Path'],
    ['&& Host(`a`)', 0, 'unexpected &&'],
    ['Host(`a`) & Path(`/`)', 10, 'unexpected &'],
    ['Host(`a`) | Path(`/`)', 10, 'unexpected |'],
    ['Host(`a`,)', 9, 'unexpected )'],
    ['Host(,`a`)', 5, 'unexpected ,'],
    ["Host('a')", 5, 'single quotes are not allowed'],
    ['Host(example.com)', 5, 'unquoted argument example.com'],
    ['rulewithnotmatcher', 0, 'expected ( after rulewithnotmatcher'],
    ['Host(`a`) && foo', 13, 'expected ( after foo'],
    ['Host(``)', 5, 'empty argument to Host'],
    ['Header(`X`, "")', 12, 'empty argument to Header'],
    ['Host(`a`, `b`)', 0, 'Host expects 1 argument, got 2'],
    ['Host()', 0, 'Host expects 1 argument, got 0'],
    ['Header(`a`)', 0, 'Header expects 2 arguments, got 1'],
    ['Query(`a`,`b`,`c`)', 0, 'Query expects 1 or 2 arguments, got 3'],
    ['Path(`/a`) && Pathprefx(`/a`)', 14, 'unknown matcher Pathprefx'],
    ['Headers(`a`,`b`)', 0, 'Headers is only available with ruleSyntax v2'],
    ['Host(`a`) && Path(`a`)', 18, 'Path: Path value a must start with /'],
    ['PathRegexp(`(`)', 11, 'PathRegexp: invalid regexp'],
    ['Host("\\q")', 6, 'unknown escape sequence \\q'],
    ['Host(`a)', 5, 'unterminated string'],
    ['', 0, 'empty rule'],
    ['   ', 0, 'empty rule'],
    ['Host-x(`a`)', 0, 'invalid matcher name Host-x'],
    ['`a`', 0, 'unexpected string'],
  ])('%s → position %i, %s', (rule, position, detail) => {
    const err = syntaxError(rule);
    expect(err.code).toBe(RULE_SYNTAX_CODE);
    expect(err.position).toBe(position);
    expect(err.message).toContain(`error while parsing rule ${rule}: ${detail}`);
  });

  it('formats the message like Traefik with a position', () => {
    expect(syntaxError('Host(`a`) &&').message).toBe('error while parsing rule Host(`a`) &&: unexpected end at 11');
  });

  it('suggests the closest matcher name', () => {
    expect(syntaxError('Pathprefx(`/a`)').message).toMatch(/did you mean PathPrefix\?$/);
    expect(syntaxError('pathPrefix(`/a`)').message).toMatch(/did you mean PathPrefix\?$/);
    expect(syntaxError('Hots(`a`)').message).toMatch(/did you mean Host\?$/);
    expect(syntaxError('Headers(`a`,`b`)').message).toMatch(/did you mean Header\?$/);
    expect(syntaxError('Completelywrong(`a`)').message).not.toContain('did you mean');
  });

  it('explains v2 multi-argument forms under v3', () => {
    expect(syntaxError('Host(`a`, `b`)').message).toContain('in v3 write Host(`a`) || Host(`b`)');
  });

  it('rejects v3-only matchers under v2', () => {
    expect(syntaxError('PathRegexp(`^/a`)', 'v2').message).toContain('PathRegexp is only available with ruleSyntax v3');
    expect(syntaxError('Header(`a`,`b`)', 'v2').message).toContain('did you mean Headers?');
  });
});

describe('limits', () => {
  it('compiles a long chain without deep recursion', () => {
    const chain = Array.from({ length: 5_000 }, (_, i) => `Header(\`X-${i}\`, \`1\`)`).join(' || ');
    const rule = parseRule(`${chain} || Method(\`GET\`)`);
    expect(rule.matcher(GET)).toBe(true);
    expect(rule.matcher(POST)).toBe(false);
    const all = Array.from({ length: 5_000 }, () => 'Method(`GET`)').join(' && ');
    expect(parseRule(all).matcher(GET)).toBe(true);
    expect(parseRule(`${all} && Method(\`PUT\`)`).explain(GET)).toBe('Method(`PUT`)');
  });

  it('rejects absurd nesting with a syntax error, not a stack overflow', () => {
    const deep = `${'('.repeat(101)}Method(\`GET\`)${')'.repeat(101)}`;
    expect(syntaxError(deep).message).toContain('nested deeper than 100 levels');
    expect(parseRule(`${'!'.repeat(100)}Method(\`GET\`)`).matcher(GET)).toBe(true);
  });
});
