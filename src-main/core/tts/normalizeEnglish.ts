import { cardinalWords, decadeWords, decimalWords, digitWords, ordinalWords, yearWords } from './numberWords';

/**
 * English text normalisation: the written forms eSpeak reads badly or not at all ("$5" →
 * "dollar five", "1984" → "nineteen hundred eighty four") become the words a person would say.
 * Each rule is one regular-expression pass; the order matters (currency before plain numbers,
 * times before ratios, ordinals before cardinals).
 */
export function normalizeEnglish(text: string): string {
  let out = text;
  for (const rule of RULES) out = rule(out);
  return out;
}

type Rule = (text: string) => string;

/** A number as written: 1,234,567.89 or 1234.5 or .5 */
const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?`;

/** Words for a written number (commas allowed, optional decimals, optional sign). */
export function numberToWords(written: string): string {
  const negative = written.startsWith('-') || written.startsWith('−');
  const body = written.replace(/^[-−+]/, '').replace(/,/g, '');
  const [integer, fraction = ''] = body.split('.');
  let words: string;
  if (fraction === '' && integer.length > 1 && integer.startsWith('0')) words = digitWords(integer);
  else words = decimalWords(integer, fraction);
  return negative ? `minus ${words}` : words;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const SCALE_WORDS: Record<string, string> = {
  thousand: 'thousand', k: 'thousand', million: 'million', m: 'million', mn: 'million',
  billion: 'billion', bn: 'billion', b: 'billion', trillion: 'trillion', tn: 'trillion',
};

const CURRENCIES: Record<string, { one: string; many: string; centOne: string; centMany: string }> = {
  $: { one: 'dollar', many: 'dollars', centOne: 'cent', centMany: 'cents' },
  '€': { one: 'euro', many: 'euros', centOne: 'cent', centMany: 'cents' },
  '£': { one: 'pound', many: 'pounds', centOne: 'penny', centMany: 'pence' },
  '¥': { one: 'yen', many: 'yen', centOne: 'sen', centMany: 'sen' },
};

function currencyWords(symbol: string, amount: string, scale: string | undefined): string {
  const unit = CURRENCIES[symbol];
  const plain = amount.replace(/,/g, '');
  if (scale) return `${numberToWords(plain)} ${SCALE_WORDS[scale.toLowerCase()]} ${unit.many}`;
  const [integer = '0', fraction = ''] = plain.split('.');
  if (fraction.length > 2) return `${numberToWords(plain)} ${unit.many}`;
  const whole = integer === '' ? 0n : BigInt(integer);
  const cents = fraction === '' ? 0 : Number(fraction.padEnd(2, '0'));
  const wholePart = `${cardinalWords(whole.toString())} ${whole === 1n ? unit.one : unit.many}`;
  const centPart = `${cardinalWords(String(cents))} ${cents === 1 ? unit.centOne : unit.centMany}`;
  if (cents === 0) return wholePart;
  if (whole === 0n) return centPart;
  return `${wholePart} and ${centPart}`;
}

/** Unit symbols read after a number: [singular, plural]. Ambiguous ones (m, in, s) are left out. */
const UNITS: Record<string, [string, string]> = {
  km: ['kilometer', 'kilometers'], cm: ['centimeter', 'centimeters'], mm: ['millimeter', 'millimeters'],
  mi: ['mile', 'miles'], ft: ['foot', 'feet'], yd: ['yard', 'yards'],
  kg: ['kilogram', 'kilograms'], mg: ['milligram', 'milligrams'], g: ['gram', 'grams'],
  lb: ['pound', 'pounds'], lbs: ['pound', 'pounds'], oz: ['ounce', 'ounces'],
  ml: ['milliliter', 'milliliters'], mL: ['milliliter', 'milliliters'], L: ['liter', 'liters'],
  mph: ['mile per hour', 'miles per hour'], 'km/h': ['kilometer per hour', 'kilometers per hour'],
  kph: ['kilometer per hour', 'kilometers per hour'],
  '°C': ['degree Celsius', 'degrees Celsius'], '°F': ['degree Fahrenheit', 'degrees Fahrenheit'], '°': ['degree', 'degrees'],
  KB: ['kilobyte', 'kilobytes'], kB: ['kilobyte', 'kilobytes'], MB: ['megabyte', 'megabytes'],
  GB: ['gigabyte', 'gigabytes'], TB: ['terabyte', 'terabytes'],
  Hz: ['hertz', 'hertz'], kHz: ['kilohertz', 'kilohertz'], MHz: ['megahertz', 'megahertz'], GHz: ['gigahertz', 'gigahertz'],
  ms: ['millisecond', 'milliseconds'], sec: ['second', 'seconds'], secs: ['second', 'seconds'],
  min: ['minute', 'minutes'], mins: ['minute', 'minutes'], hr: ['hour', 'hours'], hrs: ['hour', 'hours'],
  kW: ['kilowatt', 'kilowatts'], kWh: ['kilowatt hour', 'kilowatt hours'],
};
const UNIT_PATTERN = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .map((unit) => unit.replace(/[/]/g, '\\/'))
  .join('|');

/** Titles: always precede a name, never end a sentence. */
const TITLES: Record<string, string> = {
  Mr: 'Mister', Mrs: 'Missus', Ms: 'Miz', Prof: 'Professor', Rev: 'Reverend', Gen: 'General',
  Capt: 'Captain', Sgt: 'Sergeant', Lt: 'Lieutenant', Col: 'Colonel', Gov: 'Governor', Sen: 'Senator',
  Rep: 'Representative', Hon: 'Honorable', Mt: 'Mount', Ft: 'Fort',
};

/** Abbreviations that may also end a sentence; the period stays when a sentence ends there. */
const TRAILING_ABBREVIATIONS: Record<string, string> = {
  etc: 'et cetera', Jr: 'Junior', Sr: 'Senior', Inc: 'Incorporated', Ltd: 'Limited', Co: 'Company',
  Corp: 'Corporation', Dept: 'Department', Ave: 'Avenue', Blvd: 'Boulevard', Rd: 'Road', Ln: 'Lane',
  approx: 'approximately', vs: 'versus',
};

const YEAR_CUES = /(?:\b(?:in|since|by|until|till|from|to|of|year|circa|before|after|during|around|early|late|mid|spring|summer|autumn|fall|winter|January|February|March|April|May|June|July|August|September|October|November|December)\s+|[-–]\s*)$/i;

const RULES: Rule[] = [
  // Latin abbreviations first: their inner dots must not look like decimals or sentence ends.
  (t) => t.replace(/\be\.g\.(?=\s|,|$)/gi, 'for example').replace(/\bi\.e\.(?=\s|,|$)/gi, 'that is'),

  // "St. Paul" → Saint Paul but "Main St." → Main Street; "Dr. Smith" → Doctor but "Elm Dr." → Drive.
  (t) => t.replace(/\bSt\.(\s*)/g, contextual('Saint', 'Street', 'street')),
  (t) => t.replace(/\bDr\.(\s*)/g, contextual('Doctor', 'Drive', 'title')).replace(/\bDr(?=\s+[A-Z])/g, 'Doctor'),
  // Dotted titles are unambiguous; bare "Mr"/"Mrs"/"Ms" (British style) only before a name.
  (t) => t.replace(new RegExp(String.raw`\b(${Object.keys(TITLES).join('|')})\.`, 'g'), (_m, abbr: string) => TITLES[abbr]),
  (t) => t.replace(/\b(Mr|Mrs|Ms)(?=\s+[A-Z])/g, (_m, abbr: string) => TITLES[abbr]),
  (t) =>
    t.replace(new RegExp(String.raw`\b(${Object.keys(TRAILING_ABBREVIATIONS).join('|')})\.`, 'g'), (match, abbr: string, offset: number, whole: string) =>
      TRAILING_ABBREVIATIONS[abbr] + (endsSentence(whole, offset + match.length) ? '.' : ''),
    ),
  (t) => t.replace(/\bvs\b/g, 'versus'),
  (t) => t.replace(/\b(?:No|no|Nos|nos)\.\s*(?=\d)/g, 'number ').replace(/#\s?(?=\d)/g, 'number '),
  (t) =>
    t.replace(/\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.(?=\s+\d)/g, (_m, month: string) =>
      MONTHS.find((name) => name.startsWith(month))!,
    ),

  // ISO dates: 2024-03-15 → March fifteenth, twenty twenty-four.
  (t) =>
    t.replace(/\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g, (_m, y: string, mo: string, d: string) =>
      `${MONTHS[Number(mo) - 1]} ${ordinalWords(String(Number(d)))}, ${yearWords(Number(y))}`,
    ),

  // Times: 9:05 → nine oh five; 10:30 pm → ten thirty PM; 3:00 → three o'clock; 7pm → seven PM.
  (t) =>
    t.replace(/\b([01]?\d|2[0-3]):([0-5]\d)(?!:?\d)(?:\s*([AaPp])\.?\s?[Mm](\.?)(?=\W|$))?/g, (match, h: string, mm: string, ap: string | undefined, dot: string | undefined, offset: number, whole: string) => {
      const hour = cardinalWords(String(Number(h)));
      const suffix = ap ? ` ${ap.toUpperCase()}M${dot && endsSentence(whole, offset + match.length) ? '.' : ''}` : '';
      if (mm === '00') return ap ? `${hour}${suffix}` : Number(h) > 12 ? `${hour} hundred` : `${hour} o'clock`;
      const minutes = mm.startsWith('0') ? `oh ${cardinalWords(mm.slice(1))}` : cardinalWords(mm);
      return `${hour} ${minutes}${suffix}`;
    }),
  (t) =>
    t.replace(/\b(1[0-2]|0?[1-9])\s?([AaPp])\.?[Mm](\.?)(?=\W|$)/g, (match, h: string, ap: string, dot: string, offset: number, whole: string) =>
      `${cardinalWords(String(Number(h)))} ${ap.toUpperCase()}M${dot && endsSentence(whole, offset + match.length) ? '.' : ''}`,
    ),

  // Currency: $1,234.56, €5, £3.50, $2.5 million, $3bn.
  (t) =>
    t.replace(
      new RegExp(String.raw`([$€£¥])\s?(${NUMBER})(?:\s?(thousand|million|billion|trillion|k|mn|bn|tn|m|b)\b)?`, 'gi'),
      (match, symbol: string, amount: string, scale?: string) => (/\d/.test(amount) ? currencyWords(symbol, amount, scale) : match),
    ),

  // Percentages: 45% → forty-five percent.
  (t) => t.replace(new RegExp(String.raw`([-−]?${NUMBER})\s?%`, 'g'), (match, n: string) => (/\d/.test(n) ? `${numberToWords(n)} percent` : match)),

  // Ordinals: 1st, 22nd, 103rd, 4th.
  (t) => t.replace(/\b(\d+)(?:st|nd|rd|th)\b/gi, (_m, n: string) => ordinalWords(n)),

  // Decades: 1990s, '90s.
  (t) => t.replace(/\b(1[1-9]\d0|20\d0)'?s\b/g, (_m, y: string) => decadeWords(Number(y))),
  (t) => t.replace(/['’]([2-9]0)s\b/g, (_m, d: string) => decadeWords(Number(d))),

  // Units after a number: 5 km, 1 kg, 20°C, 100 km/h.
  (t) =>
    t.replace(new RegExp(String.raw`([-−]?${NUMBER})\s?(${UNIT_PATTERN})(?![\p{L}\p{N}])`, 'gu'), (match, n: string, unit: string) => {
      if (!/\d/.test(n)) return match;
      const [one, many] = UNITS[unit];
      return `${numberToWords(n)} ${n === '1' ? one : many}`;
    }),

  // Fractions people say: 1/2, 3/4, ½.
  (t) => t.replace(/½/g, ' one half ').replace(/¼/g, ' one quarter ').replace(/¾/g, ' three quarters '),
  (t) => t.replace(/\b([1-3])\/([2-4])\b/g, (match, a: string, b: string) => FRACTIONS[`${a}/${b}`] ?? match),

  // Numeric ranges: 10–20, 1990-1995 → "to" (not phone numbers like 555-1234).
  (t) =>
    t.replace(/\b(\d{1,4})\s?[-–]\s?(\d{1,4})\b/g, (match, a: string, b: string) =>
      Number(a) < Number(b) && (a.length <= 2 || a.length === b.length) ? `${a} to ${b}` : match,
    ),

  // Years: 1100–1999 always read as years; 2010–2099 only after a cue ("in 2023").
  (t) =>
    t.replace(/(^|[^\d.,])(1[1-9]\d\d|20\d\d)(?!\d|[.,]\d)/g, (match, before: string, y: string, offset: number, whole: string) => {
      const year = Number(y);
      const cue = YEAR_CUES.test(whole.slice(Math.max(0, offset - 20), offset + before.length));
      return year < 2000 || cue ? `${before}${yearWords(year)}` : match;
    }),

  // Remaining numbers: negative, grouped, decimals.
  (t) => t.replace(/(^|[\s(])[-−](?=\d)/g, '$1minus '),
  (t) => t.replace(/(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/g, (_m, integer: string, fraction?: string) => numberToWords(fraction ? `${integer}.${fraction}` : integer)),

  // Symbols.
  (t) =>
    t
      .replace(/\s*&\s*/g, ' and ')
      .replace(/\s+\+\s+/g, ' plus ')
      .replace(/\s+=\s+/g, ' equals ')
      .replace(/(\S)@(\S)/g, '$1 at $2')
      .replace(/\s@\s/g, ' at '),
];

const FRACTIONS: Record<string, string> = {
  '1/2': 'one half', '1/3': 'one third', '2/3': 'two thirds', '1/4': 'one quarter', '3/4': 'three quarters',
};

/** True when a sentence ends at `end`: nothing follows, or a new capitalised sentence does. */
function endsSentence(whole: string, end: number): boolean {
  return /^\s*(?:$|["“‘(]?[A-Z])/.test(whole.slice(end));
}

/**
 * For abbreviations that are a title before a name ("St. Paul", "Dr. Who") and a street type
 * after one ("Main St.", "Elm Dr."): a capitalised word that is not the first of the sentence
 * directly before means the street sense; otherwise a capitalised word after means the title;
 * with neither, `fallback` decides ("on 5th St." is a street, "the Dr. said" a doctor).
 */
function contextual(title: string, street: string, fallback: 'title' | 'street') {
  return (match: string, space: string, offset: number, whole: string): string => {
    const before = whole.slice(0, offset);
    const afterName = /\S\s+\p{Lu}\p{Ll}+\s+$/u.test(before) && !/[.!?]\s+\p{Lu}\p{Ll}+\s+$/u.test(before);
    const beforeName = space !== '' && /^\p{Lu}/u.test(whole.slice(offset + match.length));
    const asStreet = afterName || (!beforeName && fallback === 'street');
    if (!asStreet) return `${title}${space === '' ? '' : ' '}`;
    return `${street}${endsSentence(whole, offset + match.length - space.length) ? '.' : ''}${space}`;
  };
}
