// Markdown to HTML, safely, for knowledge content (written by editors) and comments (written by anyone
// signed in). Raw HTML is never passed through (it is shown as text), links and images are limited to an
// allow-list of schemes, and links in comments carry rel="nofollow ugc" so they lend no search ranking.
// test/properties.test.ts drives this with hostile input: no script, event handler or javascript: survives.
import MarkdownIt from 'markdown-it';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** http(s) and mailto links, and links within the site; any other scheme (javascript:, data:…) is refused. */
export function isSafeLink(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme, so judge the URL without them.
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = SCHEME.exec(compact)?.[0].toLowerCase();
  return scheme === undefined || scheme === 'http:' || scheme === 'https:' || scheme === 'mailto:';
}

function build(profile: 'content' | 'comment') {
  const md = new MarkdownIt({ html: false, linkify: profile === 'comment', typographer: false, breaks: profile === 'comment' });
  md.validateLink = isSafeLink;
  // Pictures would let anyone make readers' browsers fetch from elsewhere; content links to them instead.
  md.disable('image');
  if (profile === 'comment') md.disable(['heading', 'lheading', 'table', 'hr']);
  const linkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const href = String(tokens[i].attrGet('href') ?? '');
    const external = /^(https?:)?\/\//i.test(href);
    if (profile === 'comment') tokens[i].attrSet('rel', 'nofollow ugc');
    else if (external) tokens[i].attrSet('rel', 'noopener');
    return linkOpen(tokens, i, options, env, self);
  };
  return md;
}

const renderers = { content: build('content'), comment: build('comment') };

/** Knowledge content (norm explanations, lessons, glossary…): block Markdown without images or raw HTML. */
export function renderContent(markdown: string): string {
  return renderers.content.render(markdown);
}

const rendered = new Map<string, string>();

/** A comment: paragraphs, emphasis, lists, quotes, code and links (nofollow ugc); no headings or raw HTML. */
export function renderComment(markdown: string): string {
  // Threads are shown far more often than written: the same text renders once (up to 5 000 kept).
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = renderers.comment.render(markdown);
    if (rendered.size >= 5000) rendered.clear();
    rendered.set(markdown, html);
  }
  return html;
}

/** One line of Markdown without the paragraph around it (titles, list items). */
export function renderInline(markdown: string): string {
  return renderers.content.renderInline(markdown);
}

/** The Markdown as plain text, for search, feeds and meta descriptions. */
export function plainText(markdown: string): string {
  return renderContent(markdown)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
