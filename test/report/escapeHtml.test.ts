import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/cli/report/escapeHtml.js';
import { fcParams } from '../__helpers__/seed.js';
import { decodeHtml } from './html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can open a tag, end an attribute or start an entity', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('keeps everything else as it is', () => {
    expect(escapeHtml('Café — “quoted” 中文 😀 \u0000\r\n')).toBe('Café — “quoted” 中文 😀 \u0000\r\n');
  });

  it('leaves no special character raw, and decodes back to the original, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', ';', '#', ' ') })), (s) => {
        const escaped = escapeHtml(s);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(decodeHtml(escaped)).toBe(s);
      }),
      fcParams(300),
    );
  });
});
