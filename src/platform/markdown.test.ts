// The Markdown renderer under hostile input: fast-check builds thousands of texts from pieces attackers
// use (raw HTML, event handlers, javascript:/data:/vbscript: links in every disguise, reference links,
// autolinks, entities, control characters) mixed with random text, and every output is parsed: only
// known tags, only known attributes, and every link's scheme is http(s), mailto or none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isSafeLink, renderComment, renderContent } from './markdown.ts';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)">',
  '[a](javascript:alert(1))',
  '[a](JaVaScRiPt:alert(1))',
  '[a](java\tscript:alert(1))',
  '[a](&#106;avascript:alert(1))',
  '[a](&#x6A;avascript&colon;alert(1))',
  '[a]( javascript:alert(1))',
  '[a](<javascript:alert(1)>)',
  '[a](vbscript:msgbox(1))',
  '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[a](file:///etc/passwd)',
  '![i](javascript:alert(1))',
  '<javascript:alert(1)>',
  '[x]\n\n[x]: javascript:alert(1)',
  '[a](https://example.org "t\\" onmouseover=\\"alert(1)")',
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)",
  '`<script>`',
  '```html\n<script>alert(1)</script>\n```',
  '<!-- x --><style>body{}</style>',
  '&lt;script&gt;',
  '\u0000',
  '\u202e',
  '**',
  '_',
  '\n\n',
  '> ',
  '- ',
  '1. ',
  '| a | b |\n| - | - |\n| <b> | x |',
  '[ok](/norms/c)',
  '[ok](https://example.org/?q=1&r=2)',
  'www.example.org javascript:alert(1) https://x.example',
];

const text = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 10 })), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

const TAGS = new Set([
  'p',
  'em',
  'strong',
  'a',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'blockquote',
  'br',
  'hr',
  's',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
const ATTRIBUTES = new Set(['href', 'rel', 'class', 'start', 'title', 'style']);

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function assertSafe(html: string, input: string) {
  const where = JSON.stringify(input).slice(0, 200);
  assert.doesNotMatch(html, /<\s*\/?\s*(script|iframe|svg|img|style|object|embed)/i, where);
  for (const tag of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    assert.ok(TAGS.has(tag[1].toLowerCase()), `tag ${tag[1]} from ${where}`);
    const attrs = tag[2];
    // Every attribute is name="value": no bare handler can hide between quotes.
    const rest = attrs
      .replace(/\s+([a-z-]+)="[^"]*"/g, '')
      .trim()
      .replace(/^\/$/, '');
    assert.equal(rest, '', `stray attribute text ${attrs} from ${where}`);
    for (const [, name, value] of attrs.matchAll(/\s+([a-z-]+)="([^"]*)"/g)) {
      assert.ok(ATTRIBUTES.has(name), `attribute ${name} from ${where}`);
      if (name === 'style') assert.match(value, /^text-align:(left|right|center)$/, where);
      if (name === 'href') {
        const url = decode(value);
        assert.ok(isSafeLink(url), `href ${value} from ${where}`);
        assert.doesNotMatch(url.replace(/[\s\u0000-\u001f]/g, ''), /^(javascript|vbscript|data|file):/i, where);
      }
    }
  }
}

test('content Markdown: no script, no event handler, no unsafe link survives, whatever is typed', () => {
  fc.assert(
    fc.property(text, (input) => assertSafe(renderContent(input), input)),
    { numRuns: 3000 },
  );
});

test('comment Markdown: the same, and every link is rel="nofollow ugc"', () => {
  fc.assert(
    fc.property(text, (input) => {
      const html = renderComment(input);
      assertSafe(html, input);
      for (const a of html.matchAll(/<a [^>]*>/g)) assert.match(a[0], /rel="nofollow ugc"/);
    }),
    { numRuns: 3000 },
  );
});

test('the link rule itself: schemes other than http(s) and mailto are refused in any disguise', () => {
  for (const bad of [
    'javascript:x',
    ' JavaScript:x',
    'java\nscript:x',
    'java\u0000script:x',
    'vbscript:x',
    'data:text/html,x',
    'file:///x',
  ])
    assert.equal(isSafeLink(bad), false, bad);
  for (const good of ['https://example.org', 'http://x', 'mailto:a@b.c', '/norms/c', '#about', 'page?x=1', '../up'])
    assert.equal(isSafeLink(good), true, good);
});
