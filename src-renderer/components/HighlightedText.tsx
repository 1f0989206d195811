import type { PolicyViolation } from '../../src-shared/domain';

/** Splits the text at the violations' spans (UTF-16 offsets) and marks the matched parts. */
export function highlightSegments(
  text: string,
  violations: readonly PolicyViolation[],
): Array<{ text: string; severity: 'block' | 'warn' | null }> {
  const marks = new Array<'block' | 'warn' | null>(text.length).fill(null);
  for (const violation of violations) {
    const end = Math.min(violation.end, text.length);
    for (let i = Math.max(0, violation.start); i < end; i++) {
      if (marks[i] !== 'block') marks[i] = violation.severity;
    }
  }
  const segments: Array<{ text: string; severity: 'block' | 'warn' | null }> = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[start]) {
      segments.push({ text: text.slice(start, i), severity: marks[start] ?? null });
      start = i;
    }
  }
  return segments;
}

export function HighlightedText({ text, violations }: { text: string; violations: readonly PolicyViolation[] }) {
  return (
    <p className="highlighted-text">
      {highlightSegments(text, violations).map((segment, index) =>
        segment.severity ? (
          <mark key={index} className={`mark-${segment.severity}`}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
