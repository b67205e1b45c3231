// Reading back the report's HTML in the unit tests (the browser test reads it in Chromium).

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Decodes the five character references escapeHtml writes. */
export function decodeHtml(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!);
}

/** The part of the page after `<body>`: the head holds the style sheet, whose selectors use `>`. */
export function bodyOf(html: string): string {
  const at = html.indexOf('<body>');
  if (at < 0) throw new Error('no <body> in the page');
  return html.slice(at + '<body>'.length);
}

/** The body's text: tags removed, references decoded (no tag of the page holds `>` in an attribute). */
export function bodyText(html: string): string {
  return decodeHtml(bodyOf(html).replace(/<[^>]*>/g, ''));
}

/** The tag names the page is written with, and nothing else may appear. */
export const PAGE_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'dl', 'div', 'dt', 'dd', 'p', 'span', 'section',
  'svg', 'line', 'text', 'rect', 'ol', 'li', 'a', 'code', 'ul', 'details', 'summary', 'mark', 'footer', '!DOCTYPE',
]);

/** The name of every tag in the page, in order. */
export function tagNames(html: string): string[] {
  return [...html.matchAll(/<\/?([!A-Za-z][A-Za-z0-9-]*)/g)].map((m) => m[1]!);
}
