import { useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../domain/errors';
import { errorOf } from '../api/client';

/** One request at a time from an account form: busy while it runs, its failure kept to show. */
export function useAccountAction() {
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorOf(failure));
    } finally {
      setBusy(false);
    }
  }
  /** The form's onSubmit: runs `action` only when every field is ready. */
  const submitWhen = (ready: boolean, action: () => Promise<void>) => (event: FormEvent) => {
    event.preventDefault();
    if (ready) void run(action);
  };
  return { error, setError, busy, run, submitWhen };
}
