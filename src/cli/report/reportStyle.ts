/**
 * The report's style sheet, inlined in a `<style>` element that the page's Content Security Policy
 * allows by its SHA-256 hash. System fonts only: the page loads nothing.
 */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1d232b; --muted: #5d6773; --line: #d8dde3; --panel: #f6f8fa; --bar: #3b73b9; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem 2rem 3rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
code, .id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .9em; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0 0 .5rem; padding: 0; }
.summary div { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .9rem; background: var(--panel); min-width: 7.5rem; }
.summary dt { font-size: .8rem; color: var(--muted); }
.summary dd { margin: 0; font-size: 1.35rem; font-weight: 600; }
.settings, .note, .extra { color: var(--muted); margin: .25rem 0; }
.extra span + span::before { content: " · "; }
section { margin-top: 1.75rem; }
.histogram { max-width: 100%; height: auto; }
.histogram .bar { fill: var(--bar); }
.histogram .axis { stroke: var(--muted); stroke-width: 1; }
.histogram text { font: 12px system-ui, sans-serif; fill: var(--muted); }
.histogram .count { fill: var(--ink); font-weight: 600; }
.toc { margin: .25rem 0 0; padding-left: 1.25rem; }
.cluster { border-top: 2px solid var(--line); padding-top: 1rem; }
.members { margin: .25rem 0 .75rem; padding-left: 1.25rem; }
.rep { color: var(--muted); font-size: .85em; }
.pair { border: 1px solid var(--line); border-radius: 6px; margin: .75rem 0; background: #fff; }
.pair > summary { cursor: pointer; padding: .5rem .9rem; background: var(--panel); border-radius: 6px; }
.pair[open] > summary { border-bottom: 1px solid var(--line); border-radius: 6px 6px 0 0; }
.sim { font-weight: 700; font-variant-numeric: tabular-nums; margin-right: .5rem; }
.sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; padding: .9rem; }
.side h3 { padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 42em; overflow: auto; font-size: 14px; line-height: 1.55; padding-right: .5rem; }
mark { color: inherit; border-radius: 2px; }
mark.p0 { background: #ffe27a; } mark.p1 { background: #ffc58f; } mark.p2 { background: #b9ebb1; }
mark.p3 { background: #bcdcff; } mark.p4 { background: #ffc7de; } mark.p5 { background: #dccdff; }
.missing { color: var(--muted); font-style: italic; }
.legend mark { padding: 0 .3rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 820px) { body { padding: 1rem; } .sides { grid-template-columns: minmax(0, 1fr); } }
`;
