/**
 * The one layout every email shares: a plain-text part, and an HTML part built the way mail
 * clients render it (tables, inline styles, no scripts, no external CSS or images).
 */

export interface EmailContent {
  /** The first line a mail list shows after the subject. */
  preview: string;
  heading: string;
  paragraphs: string[];
  /** Rows of a small two-column table: items and their prices, a package's carrier and number. */
  rows?: [string, string][];
  action?: { label: string; url: string };
  /** Further links under the button ("Track your order"). */
  links?: { label: string; url: string }[];
}

export interface Footer {
  shopName: string;
  /** Why the customer gets this, and the one-click way out for order updates. */
  reason: string;
  unsubscribeUrl?: string;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export function renderText(content: EmailContent, footer: Footer): string {
  const parts = [content.heading, '', ...content.paragraphs.flatMap((p) => [p, ''])];
  if (content.rows?.length) parts.push(...content.rows.map(([a, b]) => `${a}  ${b}`), '');
  if (content.action) parts.push(`${content.action.label}: ${content.action.url}`);
  for (const link of content.links ?? []) parts.push(`${link.label}: ${link.url}`);
  parts.push('', '—', `${footer.shopName}. ${footer.reason}`);
  if (footer.unsubscribeUrl) parts.push(`Unsubscribe from order updates: ${footer.unsubscribeUrl}`);
  return `${parts.join('\n')}\n`;
}

export function renderHtml(content: EmailContent, footer: Footer): string {
  const paragraphs = content.paragraphs
    .map(
      (p) => `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2937">${escapeHtml(p)}</p>`,
    )
    .join('');
  const rows = content.rows?.length
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px">${content.rows
        .map(
          ([a, b]) =>
            `<tr><td style="padding:8px 0;border-bottom:1px solid #e5e7eb;font-size:15px;color:#1f2937">${escapeHtml(a)}</td><td align="right" style="padding:8px 0;border-bottom:1px solid #e5e7eb;font-size:15px;color:#1f2937">${escapeHtml(b)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-size:16px;font-weight:600;padding:12px 20px;border-radius:6px">${escapeHtml(content.action.label)}</a></p>`
    : '';
  const links = (content.links ?? [])
    .map(
      (link) =>
        `<p style="margin:0 0 8px;font-size:15px"><a href="${escapeHtml(link.url)}" style="color:#1d4ed8">${escapeHtml(link.label)}</a></p>`,
    )
    .join('');
  const unsubscribe = footer.unsubscribeUrl
    ? ` <a href="${escapeHtml(footer.unsubscribeUrl)}" style="color:#4b5563">Unsubscribe from order updates</a>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.heading)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;${FONT}">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preview)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px"><tr><td style="padding:32px 28px;${FONT}">
<p style="margin:0 0 24px;font-size:14px;font-weight:600;color:#4b5563">${escapeHtml(footer.shopName)}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:30px;color:#111827">${escapeHtml(content.heading)}</h1>
${paragraphs}${rows}${action}${links}
</td></tr></table>
<p style="max-width:560px;margin:16px auto 0;font-size:13px;line-height:20px;color:#4b5563;${FONT}">${escapeHtml(footer.reason)}${unsubscribe}</p>
</td></tr></table>
</body></html>
`;
}
