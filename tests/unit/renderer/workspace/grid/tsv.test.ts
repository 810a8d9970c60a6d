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

  it('reads a single copied cell as one row of one cell', () => {
    expect(parseTsv('2024-07-01\r\n')).toEqual([['2024-07-01']]);
    expect(parseTsv('6,000.50')).toEqual([['6,000.50']]);
  });

  it('keeps empty cells at the start, middle and end of a row', () => {
    expect(parseTsv('\t中间\t\t\r\n')).toEqual([['', '中间', '', '']]);
  });

  it('keeps tabs, line breaks and doubled quotes inside a quoted cell', () => {
    expect(parseTsv('"北京市\t朝阳区"\t"第一行\r\n第二行"\t"说""是"""\r\n')).toEqual([
      ['北京市\t朝阳区', '第一行\r\n第二行', '说"是"'],
    ]);
  });

  it('reads an Alt+Enter line break (LF only) inside a quoted cell', () => {
    expect(parseTsv('"朝阳区\n建国路"\t张伟\r\n李娜\t\r\n')).toEqual([
      ['朝阳区\n建国路', '张伟'],
      ['李娜', ''],
    ]);
  });

  it('takes a quote that does not open the cell as part of the text', () => {
    expect(parseTsv('5"\t李"娜\r\n')).toEqual([['5"', '李"娜']]);
  });

  it('accepts bare LF or CR line ends and a last line without a break', () => {
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\rb\r')).toEqual([['a'], ['b']]);
  });

  it('reads an empty clipboard as no rows', () => {
    expect(parseTsv('')).toEqual([]);
  });
});

describe('toTsv', () => {
  it('writes CRLF between rows and after the last, as Excel does', () => {
    expect(toTsv([['a', 'b'], ['c']])).toBe('a\tb\r\nc\r\n');
  });

  it('quotes only cells with tabs, line breaks or quotes, doubling the quotes', () => {
    expect(toTsv([['张伟', 'a\tb', '说"是"', '一\n二', '6,000.50']])).toBe(
      '张伟\t"a\tb"\t"说""是"""\t"一\n二"\t6,000.50\r\n',
    );
  });

  it('round-trips cells that need quoting', () => {
    const rows = [
      ['张伟', 'a\tb', 'x"y', '"'],
      ['第一行\n第二行', '', '6000.00', '第一行\r\n第二行'],
      ['', '', '', ''],
    ];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});
