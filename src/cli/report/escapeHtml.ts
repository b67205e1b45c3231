const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;

/**
 * Escapes text for HTML, in element content and in quoted attribute values alike: `&`, `<`, `>`,
 * `"` and `'` become character references, so no document text or id can open a tag, end an
 * attribute or start an entity. Everything else is kept as is (the page is UTF-8).
 *
 * @example
 * ```ts
 * escapeHtml('<img src=x onerror="alert(1)">'); // '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (c) => ESCAPES[c]!);
}
