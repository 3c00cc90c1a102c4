// Turns a page component tree into the HTML document sent to the browser.
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function renderDocument(page: VNode<any>): string {
  return `<!doctype html>${renderToString(page)}`;
}
