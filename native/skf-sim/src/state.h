/* One simulated SKF device: <state dir>/dev-<name>.state (key=value lines, shared with
 * native/skf-sim/state-file.ts) and its containers under <state dir>/dev-<name>/<container>/. */
#ifndef SKF_SIM_STATE_H
#define SKF_SIM_STATE_H

#include <limits.h>
#include <stddef.h>

#define SIM_NAME_MAX 64
#define SIM_DEFAULT_MAX_RETRIES 6
#define SIM_DEFAULT_SIGN_DELAY_MS 50
#define SIM_MAX_DEVICES 32

typedef struct {
  char label[33];
  char serial[33];
  char manufacturer[65];
  char application[SIM_NAME_MAX + 1];
  char pin_sm3[65]; /* hex SM3 of the user PIN: the simulator keeps no PIN in clear */
  int present;
  long removals;
  long max_retries;
  long retries_left; /* -1: full */
  long sign_delay_ms;
  long sign_count;
} sim_device;

/* The state directory: SKF_SIM_STATE, else $TMPDIR/skf-sim-<uid>. */
void sim_state_dir(char *buf, size_t len);
/* A device name is 1..64 of [A-Za-z0-9_.-]: it names files. */
int sim_name_ok(const char *name);
/* 0 when the device exists (its state file reads), -1 otherwise. */
int sim_device_read(const char *name, sim_device *out);
/* Read-modify-write under the state lock; edit returns 0 to write, anything else to skip. */
int sim_device_update(const char *name, int (*edit)(sim_device *, void *), void *ctx,
                      sim_device *out);
/* Device names with a state file, sorted; returns how many (at most max). */
int sim_device_list(char names[][SIM_NAME_MAX + 1], int max);
/* <state dir>/dev-<name>/<container>/<file> */
void sim_container_path(const char *device, const char *container, const char *file, char *buf,
                        size_t len);
void sim_device_dir(const char *device, char *buf, size_t len);
long sim_retries_left(const sim_device *d);

#endif
