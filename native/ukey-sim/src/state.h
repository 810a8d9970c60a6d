/*
 * Per-slot simulator state, kept in small text files so that the app, a test process and the
 * control command all see the same token. One file per slot: <dir>/slot-<id>.state with
 * key=value lines. Writers hold an flock on <dir>/.lock and replace the file by rename, so
 * readers never see half a file and need no lock.
 */
#ifndef UKEY_SIM_STATE_H
#define UKEY_SIM_STATE_H

#include <stddef.h>

#define SIM_DEFAULT_MAX_RETRIES 6
#define SIM_DEFAULT_SIGN_DELAY_MS 200
#define SIM_LABEL_MAX 64
#define SIM_PAD_PIN_MAX 32
#define SIM_PROFILE_MAX 32

typedef struct {
  int present;          /* 0 while the key is pulled out */
  long removals;        /* bumped by every removal: a session remembers the value it was opened at */
  long max_retries;     /* -1: from UKEY_SIM_MAX_RETRIES or the default */
  long retries_left;    /* -1: full */
  long sign_delay_ms;   /* -1: from UKEY_SIM_SIGN_DELAY_MS or the default */
  long fail_sign_at;    /* 0: never; else the sign_count that fails with CKR_DEVICE_ERROR */
  long sign_count;      /* completed signatures since the last fail-sign command */
  char label[SIM_LABEL_MAX + 1]; /* informational, written by the control command */
  int pin_pad;                  /* 1: the token has a PIN pad (CKF_PROTECTED_AUTHENTICATION_PATH) */
  char pad_pin[SIM_PAD_PIN_MAX + 1]; /* what the person types on the pad when asked */
  char sm2_profile[SIM_PROFILE_MAX + 1]; /* vendor numbering of SM2 (sm2.c); empty: the default */
} sim_state;

/* The state directory (UKEY_SIM_STATE, or $TMPDIR/ukey-sim-<uid>), created when missing. */
void sim_state_dir(char *buf, size_t len);

/* Reads the state of a slot; a missing or unreadable file gives the defaults. */
void sim_state_read(unsigned long slot, sim_state *out);

/* Effective values after applying the environment and defaults. */
long sim_state_max_retries(const sim_state *s);
long sim_state_retries_left(const sim_state *s);
long sim_state_sign_delay_ms(const sim_state *s);

/*
 * Read-modify-write under the directory lock. `edit` changes the state and returns non-zero
 * when it must be written back. Returns 0 on success, -1 when the state could not be written.
 */
typedef int (*sim_state_edit_fn)(sim_state *s, void *ctx);
int sim_state_update(unsigned long slot, sim_state_edit_fn edit, void *ctx);

/*
 * Holds the directory lock across a longer action (a login that must not race another
 * process's login on the same token). Returns a handle to pass to sim_state_unlock, or -1.
 */
int sim_state_lock(void);
void sim_state_unlock(int handle);

/* Like sim_state_update, for a caller that already holds the lock. */
int sim_state_update_locked(unsigned long slot, sim_state_edit_fn edit, void *ctx);

#endif
