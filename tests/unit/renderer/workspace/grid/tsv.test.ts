// Excel's clipboard text, both ways: what a person copies from a real sheet (names with tabs or
// line breaks inside quotes, CRLF, the trailing line break) comes back cell for cell.
import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../../../../renderer/src/workspace/grid/tsv';

describe('parseTsv', () => {
  it('reads rows and cells and drops the trailing line break Excel adds', () => {
    expect(parseTsv('张伟\t110101199003071234\r\n李娜\t\r\n')).toEqual([
      ['张伟', '110101199003071234'],
      ['李娜', ''],
    ]);
  });

  it('keeps tabs, line breaks and doubled quotes inside a quoted cell', () => {
    expect(parseTsv('"北京市\t朝阳区"\t"第一行\r\n第二行"\t"说""是"""\r\n')).toEqual([
      ['北京市\t朝阳区', '第一行\r\n第二行', '说"是"'],
    ]);
  });

  it('accepts bare LF line ends and a last line without a break', () => {
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads an empty clipboard as no rows', () => {
    expect(parseTsv('')).toEqual([]);
  });
});

describe('toTsv', () => {
  it('round-trips cells that need quoting', () => {
    const rows = [
      ['张伟', 'a\tb', 'x"y'],
      ['第一行\n第二行', '', '6000.00'],
    ];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });

  it('writes CRLF between rows and after the last, as Excel does', () => {
    expect(toTsv([['a', 'b'], ['c']])).toBe('a\tb\r\nc\r\n');
  });
});
