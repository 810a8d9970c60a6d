// The figures every login bench reports for one token set-up, whatever the token (PKCS#11 or
// SKF): the login round trip, the token's own signature time, and the round trip above that
// signature time, which is what the goal (at most 150 ms) holds the app's own work to.
import type { LoginProbeOutput } from './login-probe';
import { NO_GOAL, type BenchResult } from './results';
import { median } from './stats';

export function loginFigures(
  variant: string,
  logins: LoginProbeOutput,
  /** The token's own signatures, timed straight through its library in a separate process. */
  signMs: readonly number[],
  /** Also report the share of each round trip spent at the token (PIN + sign). */
  options: { tokenShare: boolean },
): BenchResult[] {
  const count = logins.roundTripMs.length;
  const roundTrip = median(logins.roundTripMs);
  const sign = median(signMs);
  return [
    {
      name: `login: round trip, challenge + sign + verify (${variant}), median of ${count}`,
      value: roundTrip,
      unit: 'ms',
      goal: NO_GOAL,
    },
    {
      name: `login: the token's own sign time (${variant}), median of ${signMs.length}`,
      value: sign,
      unit: 'ms',
      goal: NO_GOAL,
    },
    ...(options.tokenShare
      ? [
          {
            name: `login: share spent in the token, PIN + sign (${variant})`,
            value: median(logins.tokenStageMs.map((t, i) => t / logins.roundTripMs[i]!)) * 100,
            unit: '%',
            goal: NO_GOAL,
          },
        ]
      : []),
    {
      name: `login: round trip above the token's sign time (${variant})`,
      value: roundTrip - sign,
      unit: 'ms',
      goal: '≤ 150 ms',
    },
  ];
}
