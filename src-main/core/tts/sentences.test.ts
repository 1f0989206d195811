import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitSentences } from './index';
import { splitSentenceSpans } from './sentences';

describe('splitSentences', () => {
  it('splits at terminal punctuation', () => {
    expect(splitSentences('Hello there. How are you? I am fine!')).toEqual(['Hello there.', 'How are you?', 'I am fine!']);
  });

  it('does not split after abbreviations, initials, acronyms or inside numbers', () => {
    expect(splitSentences('Dr. Smith met Mr. J. K. Jones at 3.45 today. Then they left.')).toEqual([
      'Dr. Smith met Mr. J. K. Jones at 3.45 today.',
      'Then they left.',
    ]);
    expect(splitSentences('Bring fruit, e.g. apples, i.e. red ones. Thanks.')).toEqual(['Bring fruit, e.g. apples, i.e. red ones.', 'Thanks.']);
    expect(splitSentences('The U.S. Army arrived. It rained.')).toEqual(['The U.S. Army arrived.', 'It rained.']);
    expect(splitSentences('See item No. 5 for details. Done.')).toEqual(['See item No. 5 for details.', 'Done.']);
    expect(splitSentences('I live on Main St. near the park.')).toEqual(['I live on Main St. near the park.']);
  });

  it('keeps closing quotes with their sentence and continues after a quoted question', () => {
    expect(splitSentences('He said "Stop." Then he left.')).toEqual(['He said "Stop."', 'Then he left.']);
    expect(splitSentences('"Really?" she asked. "Yes!" he said.')).toEqual(['"Really?" she asked.', '"Yes!" he said.']);
    expect(splitSentences('She whispered “go away.” Nobody moved.')).toEqual(['She whispered “go away.”', 'Nobody moved.']);
  });

  it('treats an ellipsis as a boundary only before a new capitalised sentence', () => {
    expect(splitSentences('Wait... what was that? Nothing… Nothing at all.')).toEqual(['Wait... what was that?', 'Nothing…', 'Nothing at all.']);
  });

  it('splits paragraphs and list items, joins hard-wrapped lines', () => {
    const text = 'First line of a paragraph\nthat wraps here.\n\nA heading\n\n- one item\n- two items\n1. numbered';
    expect(splitSentences(text)).toEqual(['First line of a paragraph that wraps here.', 'A heading', '- one item', '- two items', '1. numbered']);
    const spans = splitSentenceSpans('One. Two.\n\nThree.');
    expect(spans.map((s) => s.pauseAfter)).toEqual(['sentence', 'paragraph', 'paragraph']);
  });

  it('cuts very long sentences at clause boundaries, never exceeding the limit', () => {
    const clause = 'and then the little train went further up the hill';
    const long = `${Array.from({ length: 12 }, () => clause).join(', ')}; finally it arrived at the top.`;
    const pieces = splitSentences(long);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    for (const piece of pieces.slice(0, -1)) expect(piece).toMatch(/[,;]$/);
    expect(pieces.join(' ')).toBe(long);
  });

  it('hard-cuts a sentence with no spaces at all', () => {
    const pieces = splitSentences('x'.repeat(MAX_SENTENCE_CHARS * 2 + 10));
    expect(pieces.map((p) => p.length)).toEqual([MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 10]);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n\n \t ')).toEqual([]);
  });
});
