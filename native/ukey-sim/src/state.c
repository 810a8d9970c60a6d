#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Same default as control.ts, so both find the state when UKEY_SIM_STATE is not set. */
static void state_dir(char *buf, size_t len) {
  const char *dir = getenv("UKEY_SIM_STATE");
  if (dir != NULL && dir[0] != '\0') {
    snprintf(buf, len, "%s", dir);
    return;
  }
  const char *tmp = getenv("TMPDIR");
  snprintf(buf, len, "%s/ukey-sim-%lu", (tmp != NULL && tmp[0] != '\0') ? tmp : "/tmp",
           (unsigned long)getuid());
}

static void ensure_dir(const char *path);

void sim_state_dir(char *buf, size_t len) {
  state_dir(buf, len);
  ensure_dir(buf);
}

static void ensure_dir(const char *path) {
  char buf[PATH_MAX];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p != '\0'; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(buf, 0777);
      *p = '/';
    }
  }
  mkdir(buf, 0777);
}

static long env_long(const char *name, long fallback) {
  const char *v = getenv(name);
  if (v == NULL || v[0] == '\0') return fallback;
  char *end = NULL;
  long n = strtol(v, &end, 10);
  return (end != NULL && *end == '\0' && n >= 0) ? n : fallback;
}

static void defaults(sim_state *s) {
  memset(s, 0, sizeof *s);
  s->present = 1;
  s->max_retries = -1;
  s->retries_left = -1;
  s->sign_delay_ms = -1;
}

static void parse_line(sim_state *s, char *line) {
  char *eq = strchr(line, '=');
  if (line[0] == '#' || eq == NULL) return;
  *eq = '\0';
  const char *key = line;
  char *value = eq + 1;
  value[strcspn(value, "\r\n")] = '\0';
  if (strcmp(key, "label") == 0) {
    snprintf(s->label, sizeof s->label, "%s", value);
    return;
  }
  if (strcmp(key, "pad_pin") == 0) { /* a string: leading zeros matter */
    snprintf(s->pad_pin, sizeof s->pad_pin, "%s", value);
    return;
  }
  if (strcmp(key, "sm2_profile") == 0) {
    snprintf(s->sm2_profile, sizeof s->sm2_profile, "%s", value);
    return;
  }
  char *end = NULL;
  long n = strtol(value, &end, 10);
  if (end == value || *end != '\0') return;
  if (strcmp(key, "present") == 0) s->present = n != 0;
  else if (strcmp(key, "removals") == 0) s->removals = n;
  else if (strcmp(key, "max_retries") == 0) s->max_retries = n;
  else if (strcmp(key, "retries_left") == 0) s->retries_left = n;
  else if (strcmp(key, "sign_delay_ms") == 0) s->sign_delay_ms = n;
  else if (strcmp(key, "fail_sign_at") == 0) s->fail_sign_at = n;
  else if (strcmp(key, "sign_count") == 0) s->sign_count = n;
  else if (strcmp(key, "pin_pad") == 0) s->pin_pad = n != 0;
}

void sim_state_read(unsigned long slot, sim_state *out) {
  char dir[PATH_MAX - 64], path[PATH_MAX];
  defaults(out);
  state_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/slot-%lu.state", dir, slot);
  FILE *f = fopen(path, "r");
  if (f == NULL) return;
  char line[256];
  while (fgets(line, sizeof line, f) != NULL) parse_line(out, line);
  fclose(f);
}

long sim_state_max_retries(const sim_state *s) {
  return s->max_retries >= 0 ? s->max_retries
                             : env_long("UKEY_SIM_MAX_RETRIES", SIM_DEFAULT_MAX_RETRIES);
}

long sim_state_retries_left(const sim_state *s) {
  long max = sim_state_max_retries(s);
  if (s->retries_left < 0) return max;
  return s->retries_left;
}

long sim_state_sign_delay_ms(const sim_state *s) {
  return s->sign_delay_ms >= 0 ? s->sign_delay_ms
                               : env_long("UKEY_SIM_SIGN_DELAY_MS", SIM_DEFAULT_SIGN_DELAY_MS);
}

static int write_state(unsigned long slot, const sim_state *s) {
  char dir[PATH_MAX - 64], path[PATH_MAX], tmp[PATH_MAX];
  state_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/slot-%lu.state", dir, slot);
  snprintf(tmp, sizeof tmp, "%s/slot-%lu.state.tmp-%ld", dir, slot, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (f == NULL) return -1;
  fprintf(f, "# ukey-sim state of slot %lu\n", slot);
  if (s->label[0] != '\0') fprintf(f, "label=%s\n", s->label);
  fprintf(f, "present=%d\nremovals=%ld\n", s->present, s->removals);
  /* Unset values stay unset, so the environment keeps deciding them. */
  if (s->max_retries >= 0) fprintf(f, "max_retries=%ld\n", s->max_retries);
  if (s->retries_left >= 0) fprintf(f, "retries_left=%ld\n", s->retries_left);
  if (s->sign_delay_ms >= 0) fprintf(f, "sign_delay_ms=%ld\n", s->sign_delay_ms);
  fprintf(f, "fail_sign_at=%ld\nsign_count=%ld\n", s->fail_sign_at, s->sign_count);
  if (s->pin_pad) fprintf(f, "pin_pad=1\n");
  if (s->pad_pin[0] != '\0') fprintf(f, "pad_pin=%s\n", s->pad_pin);
  if (s->sm2_profile[0] != '\0') fprintf(f, "sm2_profile=%s\n", s->sm2_profile);
  if (fclose(f) != 0 || rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}

int sim_state_lock(void) {
  char dir[PATH_MAX - 64], path[PATH_MAX];
  state_dir(dir, sizeof dir);
  ensure_dir(dir);
  snprintf(path, sizeof path, "%s/.lock", dir);
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return -1;
  while (flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      close(fd);
      return -1;
    }
  }
  return fd;
}

void sim_state_unlock(int handle) {
  if (handle >= 0) close(handle); /* closing drops the flock */
}

int sim_state_update_locked(unsigned long slot, sim_state_edit_fn edit, void *ctx) {
  sim_state s;
  sim_state_read(slot, &s);
  if (!edit(&s, ctx)) return 0;
  return write_state(slot, &s);
}

int sim_state_update(unsigned long slot, sim_state_edit_fn edit, void *ctx) {
  int lock = sim_state_lock();
  if (lock < 0) return -1;
  int rc = sim_state_update_locked(slot, edit, ctx);
  sim_state_unlock(lock);
  return rc;
}
