import { describe, expect, it } from 'vitest';
import { entityName } from './audit-page.tsx';

describe('audit entries', () => {
  it('name what they are about as people know it, after the change or before a removal', () => {
    expect(entityName({ before: { name: 'Old mug' }, after: { name: 'Enamel mug' } })).toBe('Enamel mug');
    expect(entityName({ before: { url: 'https://hooks.example/a' }, after: null })).toBe(
      'https://hooks.example/a',
    );
    expect(entityName({ before: null, after: { email: 'ada@example.test' } })).toBe('ada@example.test');
    expect(entityName({ before: { stock: 3 }, after: { stock: 5 } })).toBeNull();
  });
});
