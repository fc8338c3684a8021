/** Every order message as it is rendered, plain text and HTML: a change to any wording shows up here. */
import { describe, expect, it } from 'vitest';
import type { Order } from '@igniflo/contract';
import { ACCOUNT_TEMPLATES, renderAccountMessage } from './account-messages.ts';
import { renderHtml, renderText } from './layout.ts';
import { ORDER_TEMPLATES, renderOrderMessage } from './order-messages.ts';

const order = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  orderNumber: 'H9C7XFTLKR',
  items: [
    {
      productId: null,
      sku: 'MUG',
      name: 'Enamel mug <blue>',
      unitPriceCents: 1250,
      quantity: 2,
      options: {},
    },
    { productId: null, sku: 'CAP', name: 'Cap', unitPriceCents: 900, quantity: 1, options: {} },
  ],
  totalCents: 3400,
  currency: 'EUR',
  shipments: [{}, {}],
} as unknown as Order;

const input = {
  order,
  data: {
    shipment: {
      id: 's1',
      number: 2,
      status: 'IN_TRANSIT' as const,
      carrier: 'UPS',
      trackingNumber: '1Z999',
      trackingUrl: 'https://ups.example/t/1Z999',
      location: 'Leeds',
    },
    return: { id: 'r1', number: 1, status: 'APPROVED' },
    refund: { amountCents: 1250, currency: 'EUR', reason: 'damaged' },
  },
  note: 'Swapped the cap for a larger size.',
  links: {
    order: 'https://shop.example/orders/0190a0b0-0000-7000-8000-000000000001',
    tracking: 'https://shop.example/track/H9C7XFTLKR',
  },
};
const footer = {
  shopName: 'Camp Shop',
  reason: 'You get this email because you ordered from us.',
  unsubscribeUrl: 'https://shop.example/unsubscribe?token=u.sig',
};

describe('order message templates', () => {
  it.each(ORDER_TEMPLATES)('%s', (template) => {
    const message = renderOrderMessage(template, input);
    expect({
      subject: message.subject,
      sms: message.sms,
      text: renderText(message.content, footer),
    }).toMatchSnapshot();
    expect(renderHtml(message.content, footer)).toMatchSnapshot();
  });

  it('tells of a custom request priced for the first time as its quote', () => {
    const message = renderOrderMessage('items_edited', {
      ...input,
      note: 'Quote ready: 2 × Enamel mug at €12.50; 1 × Cap at €9.00. Total €34.00',
    });
    expect(message.subject).toBe('Order H9C7XFTLKR: your quote is ready');
    expect(message.content.heading).toBe('Your quote is ready');
    expect(message.content.rows?.at(-1)).toEqual(['Total', '€34.00']);
    expect(message.sms).toBe(
      'Order H9C7XFTLKR: your quote is ready, total €34.00: https://shop.example/track/H9C7XFTLKR',
    );
  });

  it('escapes what customers and staff wrote, and carries no script, style sheet or remote image', () => {
    const html = renderHtml(renderOrderMessage('order_placed', input).content, footer);
    expect(html).toContain('Enamel mug &lt;blue&gt;');
    expect(html).not.toMatch(/<script|<link|<style|<img/i);
  });
});

describe('account message templates', () => {
  it.each(ACCOUNT_TEMPLATES)('%s', (template) => {
    const message = renderAccountMessage(template, {
      name: 'Ada <Lovelace>',
      link: 'https://shop.example/reset-password?token=abc',
      detail: 'n•••@example.com',
    });
    const footer = { shopName: 'Camp Shop', reason: message.reason };
    expect({ subject: message.subject, text: renderText(message.content, footer) }).toMatchSnapshot();
    const html = renderHtml(message.content, footer);
    expect(html).toMatchSnapshot();
    expect(html).not.toMatch(/unsubscribe/i);
    expect(html).toContain('Ada &lt;Lovelace&gt;');
  });
});
