/** English number words: cardinals, ordinals, years, digit strings. Pure functions. */

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: Array<[bigint, string]> = [
  [10n ** 15n, 'quadrillion'],
  [10n ** 12n, 'trillion'],
  [10n ** 9n, 'billion'],
  [10n ** 6n, 'million'],
  [1000n, 'thousand'],
];
/** Above this, numbers are read digit by digit (account numbers, ids). */
const MAX_CARDINAL = 10n ** 18n - 1n;

function belowThousand(n: number): string {
  const parts: string[] = [];
  if (n >= 100) {
    parts.push(`${ONES[Math.floor(n / 100)]} hundred`);
    n %= 100;
  }
  if (n >= 20) {
    parts.push(n % 10 ? `${TENS[Math.floor(n / 10)]}-${ONES[n % 10]}` : TENS[Math.floor(n / 10)]);
  } else if (n > 0 || parts.length === 0) {
    parts.push(ONES[n]);
  }
  return parts.join(' ');
}

/** "1234" → "one thousand two hundred thirty-four". Accepts digit strings of any length. */
export function cardinalWords(digits: string): string {
  const cleaned = digits.replace(/^0+(?=\d)/, '');
  const value = BigInt(cleaned);
  if (value > MAX_CARDINAL) return digitWords(cleaned);
  if (value < 1000n) return belowThousand(Number(value));
  const parts: string[] = [];
  let rest = value;
  for (const [scale, name] of SCALES) {
    if (rest >= scale) {
      parts.push(`${belowThousand(Number(rest / scale))} ${name}`);
      rest %= scale;
    }
  }
  if (rest > 0n) parts.push(belowThousand(Number(rest)));
  return parts.join(' ');
}

/** "0415" → "zero four one five". */
export function digitWords(digits: string): string {
  return [...digits].map((d) => ONES[Number(d)]).join(' ');
}

const IRREGULAR_ORDINALS: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** "21" → "twenty-first". */
export function ordinalWords(digits: string): string {
  const words = cardinalWords(digits);
  return words.replace(/([a-z]+)$/, (last) => {
    if (IRREGULAR_ORDINALS[last]) return IRREGULAR_ORDINALS[last];
    if (last.endsWith('y')) return `${last.slice(0, -1)}ieth`;
    return `${last}th`;
  });
}

/**
 * Years as people say them: 1984 → "nineteen eighty-four", 1900 → "nineteen hundred",
 * 2000 → "two thousand", 2007 → "two thousand seven", 2023 → "twenty twenty-three".
 */
export function yearWords(year: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return cardinalWords(String(year));
  const high = Math.floor(year / 100);
  const low = year % 100;
  if (year % 1000 < 10 && high % 10 === 0) return cardinalWords(String(year)); // 2000–2009, 1000–1009
  if (low === 0) return `${belowThousand(high)} hundred`;
  if (low < 10) return `${belowThousand(high)} oh ${ONES[low]}`;
  return `${belowThousand(high)} ${belowThousand(low)}`;
}

/** Plural of a decade: "1990" → "nineteen nineties", "2000" → "two thousands". */
export function decadeWords(year: number): string {
  const words = yearWords(year);
  if (words.endsWith('y')) return `${words.slice(0, -1)}ies`;
  return `${words}s`;
}

/** "3.14" → "three point one four"; the fraction is read digit by digit. */
export function decimalWords(integerDigits: string, fractionDigits: string): string {
  const whole = cardinalWords(integerDigits === '' ? '0' : integerDigits);
  return fractionDigits === '' ? whole : `${whole} point ${digitWords(fractionDigits)}`;
}
