// Maintenance mode: configured windows (e.g. every night 22:00–06:00, or only at month end) and
// a switch the operator flips. While on, the service answers 503 with Retry-After.
import { BEIJING_UTC_OFFSET_MINUTES, localTime } from './service-time';

export interface MaintenanceWindow {
  /** Only windows that start on the last day of a month. */
  monthEndOnly: boolean;
  /** Minutes since local midnight; end may be 1440 (24:00). Overnight when end <= start. */
  startMinute: number;
  endMinute: number;
}

export class MaintenanceWindowError extends Error {
  constructor(spec: string) {
    super(
      `Bad maintenance window "${spec}": use HH:MM-HH:MM (e.g. 22:00-06:00), optionally prefixed ` +
        'with "month-end " to apply only from the last day of a month.',
    );
    this.name = 'MaintenanceWindowError';
  }
}

const WINDOW = /^(month-end\s+)?([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

export function parseMaintenanceWindow(spec: string): MaintenanceWindow {
  const m = WINDOW.exec(spec.trim());
  if (!m) throw new MaintenanceWindowError(spec);
  const startMinute = Number(m[2]) * 60 + Number(m[3]);
  const endMinute = Number(m[4]) * 60 + Number(m[5]);
  if (startMinute >= 24 * 60 || endMinute > 24 * 60 || startMinute === endMinute) {
    throw new MaintenanceWindowError(spec);
  }
  return { monthEndOnly: m[1] !== undefined, startMinute, endMinute };
}

export type MaintenanceStatus = { on: false } | { on: true; retryAfterSeconds: number };

const DAY_MINUTES = 24 * 60;

/** Seconds until the window ends, or null when `now` is outside it. */
function secondsLeft(window: MaintenanceWindow, now: Date, offsetMinutes: number): number | null {
  const t = localTime(now, offsetMinutes);
  const { startMinute: start, endMinute: end } = window;
  const m = t.minuteOfDay;
  let minutesLeft: number | null = null;
  if (start < end) {
    const today = !window.monthEndOnly || t.lastDayOfMonth;
    if (today && m >= start && m < end) minutesLeft = end - m;
  } else {
    // Overnight: the evening part belongs to the day it starts, the morning part to the next.
    const eveningToday = !window.monthEndOnly || t.lastDayOfMonth;
    const morningAfter = !window.monthEndOnly || t.firstDayOfMonth;
    if (eveningToday && m >= start) minutesLeft = DAY_MINUTES - m + end;
    else if (morningAfter && m < end) minutesLeft = end - m;
  }
  return minutesLeft === null ? null : Math.max(1, Math.ceil(minutesLeft * 60));
}

export class Maintenance {
  private switchedOn: { retryAfterSeconds: number } | null = null;

  constructor(
    private readonly windows: readonly MaintenanceWindow[] = [],
    private readonly offsetMinutes: number = BEIJING_UTC_OFFSET_MINUTES,
  ) {}

  set(on: boolean, retryAfterSeconds = 60): void {
    this.switchedOn = on ? { retryAfterSeconds } : null;
  }

  status(now: Date): MaintenanceStatus {
    if (this.switchedOn) return { on: true, retryAfterSeconds: this.switchedOn.retryAfterSeconds };
    let longest: number | null = null;
    for (const w of this.windows) {
      const left = secondsLeft(w, now, this.offsetMinutes);
      if (left !== null && (longest === null || left > longest)) longest = left;
    }
    return longest === null ? { on: false } : { on: true, retryAfterSeconds: longest };
  }
}
