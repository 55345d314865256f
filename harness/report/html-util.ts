/** Small HTML helpers: escaping and tables. Pure. */
export function esc(text: unknown): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A table; cells are escaped unless given as { html }. */
export function table(header: string[], rows: Array<Array<string | number | { html: string }>>, caption?: string): string {
  const cell = (c: string | number | { html: string }) => (typeof c === 'object' ? c.html : esc(c));
  return [
    '<table>',
    caption ? `<caption>${esc(caption)}</caption>` : '',
    `<thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('');
}

export const PAGE_CSS = `
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 24px auto; max-width: 1100px; color: #222; line-height: 1.45; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h2.benchmark { font-size: 20px; margin-top: 48px; border-bottom: 3px solid #446; } h3 { font-size: 15px; margin-top: 26px; }
.meta { color: #666; font-size: 13px; }
.banner { background: #fff4e0; border: 1px solid #f0b860; padding: 8px 12px; border-radius: 4px; margin: 12px 0; font-size: 14px; }
table { border-collapse: collapse; margin: 10px 0 18px; font-size: 12.5px; }
caption { text-align: left; color: #555; font-size: 12.5px; padding-bottom: 4px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: right; vertical-align: top; }
th { background: #f5f5f5; } td:first-child, th:first-child { text-align: left; }
.chart svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: 12.5px; }
code { background: #f3f3f3; padding: 0 3px; border-radius: 3px; font-size: 12px; }
.reason { color: #a33; }
`;
