import type { PolicyDecisionKind } from '../src-shared/domain';

const numberFormat = new Intl.NumberFormat('en');

export const DECISION_LABELS: Record<PolicyDecisionKind, string> = {
  allow: 'Allowed',
  warn: 'Warning accepted',
  block: 'Blocked',
};

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function superscript(value: number): string {
  return String(value).replace(/\d/g, (digit) => SUPERSCRIPT_DIGITS[Number(digit)]);
}

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00.0';
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatSampleRate(hz: number): string {
  return `${numberFormat.format(hz)} Hz`;
}

/** Compact form for crowded places (the voice picker): 22.05 kHz. */
export function formatSampleRateShort(hz: number): string {
  return `${Number((hz / 1000).toFixed(2))} kHz`;
}

/** "1 in 4.2 × 10¹²" reads better than 2.4e-13 for a false-positive chance. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p) || p <= 0) return `below 1 in 10${superscript(15)}`;
  if (p >= 0.01) return `${(p * 100).toFixed(1)} %`;
  const oneIn = 1 / p;
  const exponent = Math.floor(Math.log10(oneIn));
  if (exponent < 6) return `1 in ${numberFormat.format(Math.round(oneIn))}`;
  const mantissa = oneIn / 10 ** exponent;
  return `1 in ${mantissa.toFixed(1)} × 10${superscript(exponent)}`;
}

export function shortHash(hash: string | null | undefined): string {
  return hash ? `${hash.slice(0, 12)}…` : '—';
}

/** Start and end of a local calendar day as ISO instants, for the history date filter. */
export function dayStartIso(day: string): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function dayEndIso(day: string): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
