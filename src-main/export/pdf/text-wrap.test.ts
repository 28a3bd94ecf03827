import { describe, expect, it } from 'vitest';
import { wrapText } from './text-wrap.ts';

/** Every character one unit wide. */
const measure = (text: string) => [...text].length;

describe('wrapText', () => {
  it('breaks between words', () => {
    expect(wrapText('the kitten wakes up in a sunny room', measure, 12, 9)).toEqual(['the kitten', 'wakes up in', 'a sunny room']);
  });

  it('breaks between any two CJK characters, which have no spaces between words', () => {
    expect(wrapText('小猫在阳光明媚的房间里醒来', measure, 5, 9)).toEqual(['小猫在阳光', '明媚的房间', '里醒来']);
    expect(wrapText('Kitten 小猫在阳光里', measure, 10, 9)).toEqual(['Kitten 小猫在', '阳光里']);
  });

  it('breaks a word longer than the line wherever it must', () => {
    expect(wrapText('supercalifragilistic', measure, 8, 9)).toEqual(['supercal', 'ifragili', 'stic']);
  });

  it('keeps line breaks of the text and drops trailing empty lines', () => {
    expect(wrapText('first\r\nsecond\n\n', measure, 20, 9)).toEqual(['first', 'second']);
  });

  it('ends the last line allowed with an ellipsis when the text does not fit', () => {
    expect(wrapText('one two three four five six', measure, 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapText('一二三四五六七八九十', measure, 4, 2)).toEqual(['一二三四', '五六七…']);
  });
});
