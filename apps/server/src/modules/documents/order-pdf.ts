/**
 * The printed documents of an order, laid out with pdfkit on A4: the packing slip (what goes in the
 * box and where it goes; no prices) and the invoice (what was bought, at what price, and what was
 * paid). The standard Helvetica faces cover Western European text only.
 */
import type { Address, Order } from '@igniflo/contract';

const MARGIN = 50;
const GREY = '#555555';
const RULE = '#cccccc';
const HEADER_FILL = '#f0f0f0';

export const money = (cents: number, currency: string): string =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100);

const dateOf = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

const addressLines = (address: Address): string[] =>
  [
    address.name,
    address.line1,
    address.line2,
    [address.postalCode, address.city].join(' '),
    address.region,
    address.country,
  ].filter((line): line is string => Boolean(line));

const optionsText = (options: Record<string, string>): string =>
  Object.entries(options)
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ');

type Doc = PDFKit.PDFDocument;

/**
 * Renders into a buffer: documents are a few kilobytes. pdfkit is loaded on the first document
 * (its fonts and tables cost every start of the server about a twentieth of its time).
 */
async function render(title: string, draw: (doc: Doc) => void): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: title, Creator: 'Igniflo' },
    lang: 'en',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN;

/** The shop and the document's name on the left, its number and date on the right. */
function heading(doc: Doc, shopName: string, title: string, order: Order): void {
  const top = doc.y;
  doc.font('Helvetica-Bold').fontSize(20).fillColor('black').text(title, MARGIN, top);
  doc.font('Helvetica').fontSize(10).fillColor(GREY).text(shopName);
  const right = { width: contentWidth(doc), align: 'right' as const };
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .fillColor('black')
    .text(order.orderNumber, MARGIN, top + 4, right);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(GREY)
    .text(`Placed ${dateOf(order.createdAt)}`, right);
  doc.moveDown(2);
  doc.x = MARGIN;
}

/** A labelled block of lines at (x, y), `width` wide; returns where it ends. */
function block(doc: Doc, label: string, lines: string[], x: number, y: number, width: number): number {
  doc.font('Helvetica-Bold').fontSize(9).fillColor(GREY).text(label.toUpperCase(), x, y, { width });
  doc.font('Helvetica').fontSize(11).fillColor('black');
  for (const line of lines) doc.text(line, x, doc.y, { width });
  return doc.y;
}

function table(doc: Doc, header: string[], rows: string[][], widths: (number | string)[], numeric: number[]) {
  doc.x = MARGIN;
  doc.moveDown(1.5);
  const align = (column: number) =>
    numeric.includes(column) ? { x: 'right' as const } : { x: 'left' as const };
  doc.font('Helvetica').fontSize(10).fillColor('black');
  doc.table({
    columnStyles: widths.map((width, column) => ({ width, align: align(column) })),
    defaultStyle: { border: { bottom: 0.5 }, borderColor: RULE, padding: [6, 4] },
    rowStyles: (row) => (row === 0 ? { backgroundColor: HEADER_FILL, border: { bottom: 1 } } : undefined),
    data: [header.map((text) => ({ text, font: { src: 'Helvetica-Bold' }, type: 'TH' as const })), ...rows],
  });
  doc.x = MARGIN;
}

function addresses(doc: Doc, order: Order, firstLabel: string): void {
  const top = doc.y;
  const half = contentWidth(doc) / 2 - 10;
  const to = order.shippingAddress ? addressLines(order.shippingAddress) : ['No shipping address on file'];
  const left = block(doc, firstLabel, to, MARGIN, top, half);
  const right = block(
    doc,
    'Order',
    [`Customer: ${order.customerName ?? '—'}`, `Status: ${order.status.replace('_', ' ').toLowerCase()}`],
    MARGIN + half + 20,
    top,
    half,
  );
  doc.x = MARGIN;
  doc.y = Math.max(left, right);
}

function note(doc: Doc, label: string, text: string | null): void {
  if (!text) return;
  doc.moveDown(1.5);
  block(doc, label, [text], MARGIN, doc.y, contentWidth(doc));
}

export function packingSlipPdf(order: Order, shopName: string): Promise<Buffer> {
  return render(`Packing slip ${order.orderNumber}`, (doc) => {
    heading(doc, shopName, 'Packing slip', order);
    addresses(doc, order, 'Ship to');
    table(
      doc,
      ['SKU', 'Item', 'Qty', 'Packed'],
      order.items.map((item) => [
        item.sku,
        [item.name, optionsText(item.options)].filter(Boolean).join('\n'),
        String(item.quantity),
        '',
      ]),
      [110, '*', 50, 60],
      [2],
    );
    const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
    doc.moveDown(0.5);
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(`${units} ${units === 1 ? 'unit' : 'units'} in total`, {
        align: 'right',
        width: contentWidth(doc),
      });
    note(doc, 'Special instructions', order.specialInstructions);
  });
}

export function invoicePdf(order: Order, shopName: string): Promise<Buffer> {
  return render(`Invoice ${order.orderNumber}`, (doc) => {
    heading(doc, shopName, 'Invoice', order);
    addresses(doc, order, 'Bill to');
    const price = (cents: number) => money(cents, order.currency);
    table(
      doc,
      ['SKU', 'Item', 'Qty', 'Unit price', 'Amount'],
      order.items.map((item) => [
        item.sku,
        [item.name, optionsText(item.options)].filter(Boolean).join('\n'),
        String(item.quantity),
        price(item.unitPriceCents),
        price(item.unitPriceCents * item.quantity),
      ]),
      [90, '*', 40, 80, 90],
      [2, 3, 4],
    );
    const totals: [string, string][] = [['Total', price(order.totalCents)]];
    if (order.refundedCents > 0) {
      totals.push(['Refunded', `-${price(order.refundedCents)}`]);
      totals.push(['Net', price(order.totalCents - order.refundedCents)]);
    }
    doc.moveDown(0.5);
    const labelWidth = 120;
    const valueWidth = 90;
    const x = MARGIN + contentWidth(doc) - labelWidth - valueWidth;
    for (const [label, value] of totals) {
      const y = doc.y;
      doc.font('Helvetica-Bold').fontSize(11).text(label, x, y, { width: labelWidth, align: 'right' });
      doc.text(value, x + labelWidth, y, { width: valueWidth, align: 'right' });
      doc.moveDown(0.3);
    }
    doc.x = MARGIN;
    const paid = {
      PAID: 'Paid in full. Thank you.',
      UNPAID: 'Payment not yet received.',
      PARTIALLY_REFUNDED: 'Paid; part of it refunded.',
      REFUNDED: 'Refunded in full.',
    }[order.paymentStatus];
    doc.moveDown(1);
    doc
      .font('Helvetica')
      .fontSize(11)
      .fillColor('black')
      .text(paid, MARGIN, doc.y, { width: contentWidth(doc) });
    note(doc, 'Notes', order.specialInstructions);
  });
}
