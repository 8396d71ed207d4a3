// Two formatters, because en-GB puts a comma after the weekday and GOV.UK style has none.
const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long' });
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** `YYYY-MM-DD` read as a day in the local calendar, never shifted by a time zone. */
function localDay(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function formatMeetingDate(isoDate: string): string {
  const day = localDay(isoDate);
  return day ? `${WEEKDAY.format(day)} ${DAY_MONTH_YEAR.format(day)}` : isoDate;
}

export function todayIsoDate(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
