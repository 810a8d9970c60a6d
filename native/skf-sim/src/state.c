#include "state.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

void sim_state_dir(char *buf, size_t len) {
  const char *dir = getenv("SKF_SIM_STATE");
  if (dir != NULL && dir[0] != '\0') {
    snprintf(buf, len, "%s", dir);
    return;
  }
  const char *tmp = getenv("TMPDIR");
  snprintf(buf, len, "%s/skf-sim-%lu", (tmp != NULL && tmp[0] != '\0') ? tmp : "/tmp",
           (unsigned long)getuid());
}

int sim_name_ok(const char *name) {
  size_t n = name == NULL ? 0 : strlen(name);
  if (n == 0 || n > SIM_NAME_MAX || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = name[i];
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-' || c == '.';
    if (!ok) return 0;
  }
  return 1;
}

static void state_path(const char *name, char *buf, size_t len) {
  char dir[PATH_MAX - 128];
  sim_state_dir(dir, sizeof dir);
  snprintf(buf, len, "%s/dev-%s.state", dir, name);
}

void sim_device_dir(const char *device, char *buf, size_t len) {
  char dir[PATH_MAX];
  sim_state_dir(dir, sizeof dir);
  int n = snprintf(buf, len, "%s/dev-%s", dir, device);
  if (n < 0 || (size_t)n >= len) buf[0] = '\0';
}

void sim_container_path(const char *device, const char *container, const char *file, char *buf,
                        size_t len) {
  char dir[PATH_MAX];
  sim_device_dir(device, dir, sizeof dir);
  int n = snprintf(buf, len, "%s/%s/%s", dir, container, file);
  if (n < 0 || (size_t)n >= len) buf[0] = '\0'; /* too long: names no file */
}

static void defaults(sim_device *d) {
  memset(d, 0, sizeof *d);
  d->present = 1;
  d->max_retries = SIM_DEFAULT_MAX_RETRIES;
  d->retries_left = -1;
  d->sign_delay_ms = SIM_DEFAULT_SIGN_DELAY_MS;
}

static void copy_field(char *dst, size_t len, const char *value) { snprintf(dst, len, "%s", value); }

static void parse_line(sim_device *d, char *line) {
  char *eq = strchr(line, '=');
  if (line[0] == '#' || eq == NULL) return;
  *eq = '\0';
  const char *key = line;
  char *value = eq + 1;
  value[strcspn(value, "\r\n")] = '\0';
  if (strcmp(key, "label") == 0) return copy_field(d->label, sizeof d->label, value);
  if (strcmp(key, "serial") == 0) return copy_field(d->serial, sizeof d->serial, value);
  if (strcmp(key, "manufacturer") == 0)
    return copy_field(d->manufacturer, sizeof d->manufacturer, value);
  if (strcmp(key, "application") == 0)
    return copy_field(d->application, sizeof d->application, value);
  if (strcmp(key, "pin_sm3") == 0) return copy_field(d->pin_sm3, sizeof d->pin_sm3, value);
  char *end = NULL;
  long n = strtol(value, &end, 10);
  if (end == value || *end != '\0' || n < 0) return;
  if (strcmp(key, "present") == 0) d->present = n != 0;
  else if (strcmp(key, "removals") == 0) d->removals = n;
  else if (strcmp(key, "max_retries") == 0) d->max_retries = n;
  else if (strcmp(key, "retries_left") == 0) d->retries_left = n;
  else if (strcmp(key, "sign_delay_ms") == 0) d->sign_delay_ms = n;
  else if (strcmp(key, "sign_count") == 0) d->sign_count = n;
}

int sim_device_read(const char *name, sim_device *out) {
  char path[PATH_MAX];
  defaults(out);
  if (!sim_name_ok(name)) return -1;
  state_path(name, path, sizeof path);
  FILE *f = fopen(path, "r");
  if (f == NULL) return -1;
  char line[256];
  while (fgets(line, sizeof line, f) != NULL) parse_line(out, line);
  fclose(f);
  return 0;
}

long sim_retries_left(const sim_device *d) {
  return d->retries_left < 0 ? d->max_retries : d->retries_left;
}

static int write_device(const char *name, const sim_device *d) {
  char path[PATH_MAX], tmp[PATH_MAX + 32];
  state_path(name, path, sizeof path);
  snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (f == NULL) return -1;
  fprintf(f, "# skf-sim device %s\n", name);
  fprintf(f, "label=%s\nserial=%s\nmanufacturer=%s\napplication=%s\n", d->label, d->serial,
          d->manufacturer, d->application);
  if (d->pin_sm3[0] != '\0') fprintf(f, "pin_sm3=%s\n", d->pin_sm3);
  fprintf(f, "present=%d\nremovals=%ld\nmax_retries=%ld\n", d->present, d->removals,
          d->max_retries);
  if (d->retries_left >= 0) fprintf(f, "retries_left=%ld\n", d->retries_left);
  fprintf(f, "sign_delay_ms=%ld\nsign_count=%ld\n", d->sign_delay_ms, d->sign_count);
  if (fclose(f) != 0 || rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}

int sim_device_update(const char *name, int (*edit)(sim_device *, void *), void *ctx,
                      sim_device *out) {
  char dir[PATH_MAX - 16], lock[PATH_MAX];
  sim_state_dir(dir, sizeof dir);
  snprintf(lock, sizeof lock, "%s/.lock", dir);
  int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return -1;
  int rc = -1;
  if (flock(fd, LOCK_EX) == 0) {
    if (sim_device_read(name, out) == 0) {
      rc = 0;
      if (edit(out, ctx) == 0) rc = write_device(name, out);
    }
    flock(fd, LOCK_UN);
  }
  close(fd);
  return rc;
}

static int by_name(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

int sim_device_list(char names[][SIM_NAME_MAX + 1], int max) {
  char dir[PATH_MAX];
  sim_state_dir(dir, sizeof dir);
  DIR *d = opendir(dir);
  if (d == NULL) return 0;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < max) {
    size_t len = strlen(e->d_name);
    if (len <= 10 || strncmp(e->d_name, "dev-", 4) != 0 ||
        strcmp(e->d_name + len - 6, ".state") != 0)
      continue;
    size_t nlen = len - 10;
    if (nlen > SIM_NAME_MAX) continue;
    memcpy(names[n], e->d_name + 4, nlen);
    names[n][nlen] = '\0';
    if (sim_name_ok(names[n])) n++;
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], by_name);
  return n;
}
