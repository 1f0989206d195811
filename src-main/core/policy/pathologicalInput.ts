/**
 * Hostile and worst-case texts of a given length, shared by the performance test and the
 * benchmark. Each stresses one part of the engine: the spelled-letter joiner and its segmenter,
 * the leet and drawn-out-letter forms, sequence look-back, co-occurrence sweeps, violation caps.
 */
export const PATHOLOGICAL_INPUTS: readonly { name: string; make: (length: number) => string }[] = [
  { name: 'benign prose', make: (n) => repeatTo('The committee met on Tuesday to review the budget, and the chair thanked the volunteers. ', n) },
  { name: 'dense threats', make: (n) => repeatTo('I will kill you. ', n) },
  { name: 'dense scam', make: (n) => repeatTo('This is the IRS, pay today with gift cards or be arrested. ', n) },
  { name: 'spelled-out letters', make: (n) => repeatTo('k i l l y o u ', n) },
  { name: 'single letters, no words', make: (n) => repeatTo('q z x j ', n) },
  { name: 'one giant word', make: (n) => 'a'.repeat(n) },
  { name: 'one giant leet word', make: (n) => repeatTo('k1ll3r', n) },
  { name: 'digits and spaces', make: (n) => repeatTo('1 ', n) },
  { name: 'first person everywhere', make: (n) => repeatTo('I ', n) },
  { name: 'zero-width between letters', make: (n) => repeatTo('k\u200bi\u200bl\u200bl\u200b ', n) },
  { name: 'combining marks', make: (n) => repeatTo('a\u0301\u0336', n) },
  { name: 'punctuation only', make: (n) => repeatTo('.!?-', n) },
  { name: 'emoji', make: (n) => repeatTo('\u{1F600}', n) },
  { name: 'one sentence per word', make: (n) => repeatTo('Go. ', n) },
  { name: 'mathematical bold', make: (n) => repeatTo('\u{1D424}\u{1D422}\u{1D425}\u{1D425} ', n) },
];

function repeatTo(unit: string, length: number): string {
  let text = unit.repeat(Math.ceil(length / unit.length));
  text = text.slice(0, length);
  // Never leave half a surrogate pair at the end.
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}
