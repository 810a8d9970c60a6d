// How long this thread's event loop was blocked: a 1 ms interval timer notes the gaps between
// its ticks. A thread that is not blocked ticks every 1–2 ms; anything that runs synchronously
// (a PKCS#11 call on the main thread, a long parse, a GC pause) shows up as one long gap.

export interface LoopGap {
  /** performance.now() when the loop was free again. */
  end: number;
  /** Stall in ms, beyond the timer's own 1 ms period. */
  ms: number;
}

/** Gaps shorter than this are the timer's ordinary jitter and are not kept one by one. */
const KEEP_ABOVE_MS = 2;

export interface LoopGapMonitor {
  /** Stops the timer; the longest stall (ms) and every stall above 2 ms. */
  stop(): { longestMs: number; gaps: LoopGap[] };
}

export function watchLoopGaps(): LoopGapMonitor {
  let last = performance.now();
  let longest = 0;
  const gaps: LoopGap[] = [];
  const note = (now: number) => {
    const ms = Math.max(0, now - last - 1);
    longest = Math.max(longest, ms);
    if (ms > KEEP_ABOVE_MS) gaps.push({ end: now, ms });
    last = now;
  };
  const timer = setInterval(() => note(performance.now()), 1);
  return {
    stop() {
      clearInterval(timer);
      // The gap still open when stopping counts too.
      note(performance.now());
      return { longestMs: longest, gaps };
    },
  };
}

/** The longest stall that overlaps any of the windows [from, to] (performance.now() times). */
export function longestGapWithin(
  gaps: readonly LoopGap[],
  windows: readonly { from: number; to: number }[],
): number {
  let longest = 0;
  for (const gap of gaps) {
    const start = gap.end - gap.ms;
    if (windows.some((w) => start <= w.to && gap.end >= w.from))
      longest = Math.max(longest, gap.ms);
  }
  return longest;
}
