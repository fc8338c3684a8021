import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvStream, keysetPages, type Cell } from './csv.ts';

const text = async (stream: NodeJS.ReadableStream) => {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
};

async function* from(records: Cell[][]) {
  yield* records;
}

describe('csvStream', () => {
  it('quotes commas, quotes and newlines, and escapes formula-like text but not negative numbers', async () => {
    const cells: Cell[] = [
      'a,b',
      'say "hi"',
      'two\nlines',
      '=1+1',
      '+33 6 12',
      '-dash',
      '@handle',
      '\ttab',
      '\rcr',
      -5,
      'plain',
    ];
    const csv = await text(
      csvStream(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11'], from([cells])),
    );
    expect(csv.startsWith('\ufeffc1,c2,')).toBe(true);
    expect(csv).toContain('"a,b","say ""hi""","two\nlines",');
    const [row] = parse(csv, { bom: true, from_line: 2 });
    expect(row).toEqual([
      'a,b',
      'say "hi"',
      'two\nlines',
      "'=1+1",
      "'+33 6 12",
      "'-dash",
      "'@handle",
      "'\ttab",
      "'\rcr",
      '-5',
      'plain',
    ]);
  });

  it('pulls records only as the reader takes them: an unread stream stops asking for pages', async () => {
    let pages = 0;
    const rows = async function* () {
      for (let page = 0; page < 1000; page++) {
        pages += 1;
        for (let i = 0; i < 500; i++)
          yield [`order ${page}-${i}`, 'a line of some length to fill the buffers', i];
      }
    };
    const stream = csvStream(['name', 'text', 'n'], rows());
    await new Promise((resolve) => stream.once('readable', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Only what fills the buffers between the source and the reader: a few pages, never all 1000.
    expect(pages).toBeLessThan(5);
    stream.destroy();
  });
});

describe('keysetPages', () => {
  it('walks the pages by the last id until a short page', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => ({ id: String(9 - i) }));
    const asked: (string | undefined)[] = [];
    const pages: string[][] = [];
    for await (const page of keysetPages(async (beforeId, limit) => {
      asked.push(beforeId);
      return ids.filter((row) => beforeId === undefined || row.id < beforeId).slice(0, limit);
    }, 3)) {
      pages.push(page.map((row) => row.id));
    }
    expect(pages).toEqual([['9', '8', '7'], ['6', '5', '4'], ['3']]);
    expect(asked).toEqual([undefined, '7', '4']);
  });
});
