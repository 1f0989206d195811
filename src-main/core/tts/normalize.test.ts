import { describe, expect, it } from 'vitest';
import { normalizeForSpeech } from './index';
import { cardinalWords, ordinalWords, yearWords } from './numberWords';

const en = (text: string) => normalizeForSpeech(text, 'en-US');

describe('number words', () => {
  it.each([
    ['0', 'zero'],
    ['7', 'seven'],
    ['15', 'fifteen'],
    ['42', 'forty-two'],
    ['100', 'one hundred'],
    ['1001', 'one thousand one'],
    ['1234567', 'one million two hundred thirty-four thousand five hundred sixty-seven'],
    ['1000000000', 'one billion'],
  ])('cardinal %s', (digits, words) => expect(cardinalWords(digits)).toBe(words));

  it.each([
    ['1', 'first'], ['2', 'second'], ['3', 'third'], ['4', 'fourth'], ['12', 'twelfth'], ['20', 'twentieth'],
    ['21', 'twenty-first'], ['101', 'one hundred first'], ['1000', 'one thousandth'],
  ])('ordinal %s', (digits, words) => expect(ordinalWords(digits)).toBe(words));

  it.each([
    [1984, 'nineteen eighty-four'], [1900, 'nineteen hundred'], [1905, 'nineteen oh five'], [2000, 'two thousand'],
    [2007, 'two thousand seven'], [2023, 'twenty twenty-three'], [1066, 'ten sixty-six'], [2100, 'twenty-one hundred'],
  ])('year %d', (year, words) => expect(yearWords(year)).toBe(words));
});

describe('normalizeForSpeech (English)', () => {
  it.each([
    ['I have 3 apples.', 'I have three apples.'],
    ['Pi is about 3.14.', 'Pi is about three point one four.'],
    ['It costs 1,250,000 in total.', 'It costs one million two hundred fifty thousand in total.'],
    ['It was -5 outside.', 'It was minus five outside.'],
    ['She came 1st and he came 22nd.', 'She came first and he came twenty-second.'],
    ['Born in 1984.', 'Born in nineteen eighty-four.'],
    ['Since 2019 things changed.', 'Since twenty nineteen things changed.'],
    ['We sold 2024 units.', 'We sold two thousand twenty-four units.'],
    ['Music of the 1990s.', 'Music of the nineteen nineties.'],
    ["Back in the '80s.", 'Back in the eighties.'],
    ['It costs $5.', 'It costs five dollars.'],
    ['It costs $1.', 'It costs one dollar.'],
    ['Only $0.99 today.', 'Only ninety-nine cents today.'],
    ['A $1,234.56 bill.', 'A one thousand two hundred thirty-four dollars and fifty-six cents bill.'],
    ['They raised $2.5 million.', 'They raised two point five million dollars.'],
    ['Tickets are €20 each.', 'Tickets are twenty euros each.'],
    ['That is £3.50 please.', 'That is three pounds and fifty pence please.'],
    ['Growth was 45% this year.', 'Growth was forty-five percent this year.'],
    ['Rates fell 3.5%.', 'Rates fell three point five percent.'],
    ['Meet at 10:30.', 'Meet at ten thirty.'],
    ['Meet at 9:05 pm.', 'Meet at nine oh five PM.'],
    ['Doors open at 3:00.', "Doors open at three o'clock."],
    ['Call me at 7pm tonight.', 'Call me at seven PM tonight.'],
    ['Dr. Smith lives on Elm St.', 'Doctor Smith lives on Elm Street.'],
    ['Mr. and Mrs. Jones met St. Patrick.', 'Mister and Missus Jones met Saint Patrick.'],
    ['Turn left on 5th St. and stop.', 'Turn left on fifth Street and stop.'],
    ['The Dr. said no.', 'The Doctor said no.'],
    ['We live at 12 Elm Dr. near the school.', 'We live at twelve Elm Drive near the school.'],
    ['Apples, pears, etc. are fruit.', 'Apples, pears, et cetera are fruit.'],
    ['Bring fruit, e.g. apples.', 'Bring fruit, for example apples.'],
    ['It is room No. 5.', 'It is room number five.'],
    ['Drive 5 km to the lake.', 'Drive five kilometers to the lake.'],
    ['Add 1 kg of flour.', 'Add one kilogram of flour.'],
    ['It is 20°C today.', 'It is twenty degrees Celsius today.'],
    ['Limit 100 km/h here.', 'Limit one hundred kilometers per hour here.'],
    ['Pages 10-20 are missing.', 'Pages ten to twenty are missing.'],
    ['Add 1/2 cup.', 'Add one half cup.'],
    ['Salt & pepper.', 'Salt and pepper.'],
    ['The release is on 2024-03-15.', 'The release is on March fifteenth, twenty twenty-four.'],
    ['Agent 007 reporting.', 'Agent zero zero seven reporting.'],
  ])('%s', (input, expected) => expect(en(input)).toBe(expected));

  it('keeps a sentence-final period after an expanded abbreviation', () => {
    expect(en('We sell apples, pears, etc.')).toBe('We sell apples, pears, et cetera.');
    expect(en('I met him at 5 p.m.')).toBe('I met him at five PM.');
  });

  it('turns dashes, brackets and ellipses into pauses and drops markup', () => {
    expect(en('Wait — what (really) happened… next')).toBe('Wait, what, really, happened, next');
    expect(en('It was **very** good...')).toBe('It was very good.');
    expect(en('He said “stop” and left.')).toBe('He said stop and left.');
    expect(en('a -- b')).toBe('a, b');
  });

  it('collapses whitespace and invisible characters', () => {
    expect(en('  Hello\u00a0\u200bworld \t again  ')).toBe('Hello world again');
  });

  it('leaves digits to eSpeak for other languages but still cleans punctuation', () => {
    expect(normalizeForSpeech('Tengo 3 manzanas — rojas.', 'es-ES')).toBe('Tengo 3 manzanas, rojas.');
    expect(normalizeForSpeech('Es kostet 5 €.', 'de')).toBe('Es kostet 5 €.');
  });
});
