/** "3 h 05 min", "12 min", "40 s": a span for people, never negative. */
export function formatSpan(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A clock's due time against now: "due in 12 min" or "overdue by 3 min". */
export function countdown(dueAt: string, now: number): { readonly text: string; readonly overdue: boolean } {
  const left = Date.parse(dueAt) - now;
  return left >= 0
    ? { text: `due in ${formatSpan(left)}`, overdue: false }
    : { text: `overdue by ${formatSpan(-left)}`, overdue: true };
}

/** Times in the reader's own zone, with the zone named, e.g. "3 Dec 2026, 14:05:09 UTC". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
}

export const formatMinutes = (minutes: number | null): string =>
  minutes === null ? '—' : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;

export const words = (value: string | null | undefined): string => (value ? value.replace(/_/g, ' ') : '—');
