// The service's local time. The social-insurance service runs on Beijing time whatever the
// machine's zone is, so windows and "today" are computed at a fixed UTC offset.
export const BEIJING_UTC_OFFSET_MINUTES = 480;

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** YYYY-MM */
  month: string;
  /** Minutes since local midnight, with the seconds as a fraction. */
  minuteOfDay: number;
  /** True on the last calendar day of the month. */
  lastDayOfMonth: boolean;
  /** True on the first calendar day of the month. */
  firstDayOfMonth: boolean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function localTime(
  now: Date,
  offsetMinutes: number = BEIJING_UTC_OFFSET_MINUTES,
): LocalTime {
  const shifted = new Date(now.getTime() + offsetMinutes * 60_000);
  const y = shifted.getUTCFullYear();
  const m = shifted.getUTCMonth();
  const d = shifted.getUTCDate();
  const daysInMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return {
    date: `${pad(y, 4)}-${pad(m + 1)}-${pad(d)}`,
    month: `${pad(y, 4)}-${pad(m + 1)}`,
    minuteOfDay:
      shifted.getUTCHours() * 60 + shifted.getUTCMinutes() + shifted.getUTCSeconds() / 60,
    lastDayOfMonth: d === daysInMonth,
    firstDayOfMonth: d === 1,
  };
}

/** HH:MM of an instant in service time, for messages such as "程序会在22:05自动重试". */
export function localClock(at: Date, offsetMinutes: number = BEIJING_UTC_OFFSET_MINUTES): string {
  const shifted = new Date(at.getTime() + offsetMinutes * 60_000);
  return `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

/** The month before YYYY-MM. */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${pad(y - 1, 4)}-12` : `${pad(y, 4)}-${pad(m - 1)}`;
}
