import { describe, expect, it } from 'vitest';
import type { PolicyViolation } from '../src-shared/domain';
import { highlightSegments } from './components/HighlightedText';
import { formatDuration, formatProbability } from './format';
import { pairVoiceFiles } from './state/voicesStore';

function violation(start: number, end: number, severity: 'block' | 'warn'): PolicyViolation {
  return { ruleId: 'r', category: 'fraud_scam', severity, start, end, explanation: 'x' };
}

describe('policy highlighting', () => {
  it('marks exactly the matched spans, a block winning over an overlapping warning', () => {
    expect(highlightSegments('abcdefgh', [violation(1, 4, 'warn'), violation(3, 6, 'block')])).toEqual([
      { text: 'a', severity: null },
      { text: 'bc', severity: 'warn' },
      { text: 'def', severity: 'block' },
      { text: 'gh', severity: null },
    ]);
  });

  it('ignores spans beyond the text', () => {
    expect(highlightSegments('abc', [violation(2, 99, 'warn')])).toEqual([
      { text: 'ab', severity: null },
      { text: 'c', severity: 'warn' },
    ]);
  });
});

describe('formatting', () => {
  it('writes tiny false-positive chances as 1 in N', () => {
    expect(formatProbability(0.5)).toBe('50.0 %');
    expect(formatProbability(0.001)).toBe('1 in 1,000');
    expect(formatProbability(2.5e-13)).toBe('1 in 4.0 × 10¹²');
    expect(formatProbability(0)).toBe('below 1 in 10¹⁵');
  });

  it('writes durations as m:ss.s', () => {
    expect(formatDuration(0)).toBe('0:00.0');
    expect(formatDuration(65.25)).toBe('1:05.3');
  });
});

describe('voice import pairing', () => {
  it('finds the model and its config among dropped files, in any order', () => {
    const model = { name: 'en_US-amy.onnx', size: 1 };
    const config = { name: 'en_US-amy.onnx.json', size: 1 };
    expect(pairVoiceFiles([config, model])).toEqual({ model, config });
    expect(pairVoiceFiles([model])).toEqual({ model });
    expect(pairVoiceFiles([config])).toBeNull();
  });
});
